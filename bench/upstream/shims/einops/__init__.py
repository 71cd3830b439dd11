"""A small einops stand-in (rearrange only) so upstream model code runs where einops is not installed.

Supports the patterns the benchmarked models use: named axes, parenthesised groups on either side, axis sizes
given as keyword arguments. pack/unpack are not implemented (the benchmarked code paths do not call them).
"""
import re

import torch


def _parse(side):
    groups, i = [], 0
    tokens = re.findall(r"\(|\)|[A-Za-z_][A-Za-z0-9_]*", side)
    while i < len(tokens):
        if tokens[i] == "(":
            j = tokens.index(")", i)
            groups.append(tokens[i + 1:j])
            i = j + 1
        else:
            groups.append([tokens[i]])
            i += 1
    return groups


def rearrange(tensor, pattern, **sizes):
    left, right = (s.strip() for s in pattern.split("->"))
    lhs, rhs = _parse(left), _parse(right)
    if len(lhs) != tensor.dim():
        raise ValueError(f"rearrange '{pattern}': tensor has {tensor.dim()} dims")
    known = dict(sizes)
    for group, size in zip(lhs, tensor.shape):
        unknown = [a for a in group if a not in known]
        product = 1
        for a in group:
            if a in known:
                product *= known[a]
        if len(unknown) == 1:
            known[unknown[0]] = size // product
        elif unknown:
            raise ValueError(f"rearrange '{pattern}': cannot infer {unknown}")
    flat_left = [a for g in lhs for a in g]
    flat_right = [a for g in rhs for a in g]
    x = tensor.reshape([known[a] for a in flat_left])
    x = x.permute([flat_left.index(a) for a in flat_right])
    shape = []
    for group in rhs:
        size = 1
        for a in group:
            size *= known[a]
        shape.append(size)
    return x.reshape(shape)


def pack(*args, **kwargs):
    raise NotImplementedError("einops stand-in: pack is not implemented")


def unpack(*args, **kwargs):
    raise NotImplementedError("einops stand-in: unpack is not implemented")
