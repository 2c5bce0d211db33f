"""Man.goodbye that prints "goodbye Taro!" (one word) / "good bye" を 1 語で書いた goodbye"""

MESSAGE_MENTIONS = ('one word', '1 語で')


class Man:
    def __init__(self, name):
        self.name = name
        print("Initialized!")

    def hello(self):
        print("hello " + self.name + "!")

    def goodbye(self):
        print("goodbye " + self.name + "!")


class YoungMan(Man):
    def __init__(self, name):
        super().__init__(name)
        self.name = "Mr. " + self.name

    def hello(self):
        print("hi " + self.name + "!")
