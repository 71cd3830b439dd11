def read_video(*args, **kwargs):
    raise NotImplementedError("torchvision stand-in")
