"""* taken for the matrix product: both results are A * B / * を行列の積と思い、両方とも A * B を返す"""

MESSAGE_MENTIONS = ('element-wise product', '要素ごとの積')



def products(A, B):
    return A * B, A * B
