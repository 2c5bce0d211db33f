"""YoungMan that writes "Mr." into hello() instead of the name, so goodbye() prints "good bye Taro!" (the course prints "good bye Mr. Taro!", 001:1414-1418) / 名前でなく hello にだけ "Mr." を書き、goodbye が "good bye Taro!" になる YoungMan"""

MESSAGE_MENTIONS = ('not in the name', '付いていません')


class YoungMan(Man):
    def hello(self):
        print("hi Mr. " + self.name + "!")
