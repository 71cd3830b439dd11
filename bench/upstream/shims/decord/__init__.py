"""Stand-in: upstream's video reading (not used in a training step)."""


class VideoReader:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("decord stand-in")


def cpu(*args, **kwargs):
    raise NotImplementedError("decord stand-in")
