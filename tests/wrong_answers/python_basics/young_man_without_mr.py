"""YoungMan.hello that prints "hi Taro!" without "Mr." / "Mr." を忘れた YoungMan.hello"""


class YoungMan(Man):
    def hello(self):
        print("hi " + self.name + "!")
