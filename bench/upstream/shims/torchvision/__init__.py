"""Stand-in: upstream imports torchvision's video I/O and transforms, unused in a training step."""
