"""Stand-in for the diffusers base classes upstream's VAE derives from (saving/loading helpers, unused in a step)."""
import torch.nn as nn


class ModelMixin(nn.Module):
    pass


class ConfigMixin:
    pass
