"""YoungMan that adds "Mr. " to the name and again in hello(): "hi Mr. Mr. Taro!" / 名前と hello の両方に "Mr. " を付けて "hi Mr. Mr. Taro!" と表示する YoungMan"""

MESSAGE_MENTIONS = ('appears twice', '2 回')


class YoungMan(Man):
    def __init__(self, name):
        super().__init__(name)
        self.name = "Mr. " + self.name

    def hello(self):
        print("hi Mr. " + self.name + "!")
