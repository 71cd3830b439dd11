class ShortSideScale:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("pytorchvideo stand-in")
