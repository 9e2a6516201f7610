NAME = 'café'
