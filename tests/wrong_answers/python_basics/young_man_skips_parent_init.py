"""YoungMan.__init__ that sets the name itself without calling Man's constructor (no "Initialized!") / 親のコンストラクタを呼ばず "Initialized!" が表示されない YoungMan"""

MESSAGE_MENTIONS = ('super().__init__(name)', '表示されていません')


class YoungMan(Man):
    def __init__(self, name):
        self.name = "Mr. " + name

    def hello(self):
        print("hi " + self.name + "!")
