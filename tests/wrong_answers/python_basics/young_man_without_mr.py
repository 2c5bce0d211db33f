"""YoungMan that only overrides hello() as 'hi ' + name and never adds "Mr. " (prints "hi Taro!") / __init__ で "Mr. " を付けず "hi Taro!" と表示する YoungMan"""

MESSAGE_MENTIONS = ('missing from hello', "hello に 'Mr. ' がありません")


class YoungMan(Man):
    def hello(self):
        print("hi " + self.name + "!")
