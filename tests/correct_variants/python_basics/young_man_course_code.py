"""YoungMan exactly as the course writes it, super(YoungMan, self).__init__(name) then 'Mr. ' + self.name (001:1386-1394) / 授業のコードそのままの YoungMan"""


class YoungMan(Man):
    def __init__(self, name):
        super(YoungMan, self).__init__(name)
        self.name = 'Mr. ' + self.name

    def hello(self):
        print('hi ' + self.name + '!')
