from diffusers import ModelMixin  # noqa: F401
