from diffusers import ConfigMixin  # noqa: F401


def register_to_config(init):
    return init
