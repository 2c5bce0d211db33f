"""YoungMan.__init__ that sets the name itself without calling Man's constructor (no "Initialized!") / 親のコンストラクタを呼ばず "Initialized!" が表示されない YoungMan"""


class YoungMan(Man):
    def __init__(self, name):
        self.name = "Mr. " + name

    def hello(self):
        print("hi " + self.name + "!")
