"""One training step of the upstream PyTorch models, timed as bench/VideoPipe.Bench.Training times ours.

The upstream code is not part of this repository: the script takes it from a git clone of the reference
implementation (the commits the specs name) into a temporary folder, with stand-ins for the imports that only
serve upstream's training scripts (diffusers base classes, video readers, metrics), none of which runs in a step.

    python3 bench/upstream/train_step.py odvae <case.json> <Open-Sora-Plan git dir> [frames size batch threads steps]
    python3 bench/upstream/train_step.py ivvae <case.json> <iv-vae git dir> [frames size batch threads steps]

Step: forward (encode, posterior sample, decode), loss sum|x - recon| / B + 1e-6 KL / B, backward, gradient
clipping to norm 1, AdamW (lr 1e-3, weight decay 0.01 off biases and norms), zero_grad. Clip: the same
bicubically upsampled random frame repeated in time as the C# bench.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "shims"))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

if not hasattr(F, "scaled_dot_product_attention"):
    # torch 1.13 (Debian's) predates it; IV-VAE's attention calls it: the same softmax(q k^T / sqrt(d)) v
    def _attention(q, k, v, attn_mask=None, dropout_p=0.0, is_causal=False):
        weights = (q @ k.transpose(-2, -1)) / (q.shape[-1] ** 0.5)
        if attn_mask is not None:
            weights = weights + attn_mask
        return weights.softmax(dim=-1) @ v

    F.scaled_dot_product_attention = _attention

OPENSORA_REF = "v1.2.0"
IVVAE_REF = "83c13636e7d6"
OPENSORA_VAE = "opensora/models/causalvideovae"


def extract(git_dir, ref, paths, target):
    archive = subprocess.run(["git", "--git-dir", git_dir, "archive", ref, *paths], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def opensora_model(git_dir, config, root):
    extract(git_dir, OPENSORA_REF, [f"{OPENSORA_VAE}/model"], root)
    # package __init__ files only re-export (and pull in datasets, EMA, wrappers): empty here
    for package in ["opensora", "opensora/models", OPENSORA_VAE, f"{OPENSORA_VAE}/model", f"{OPENSORA_VAE}/model/causal_vae", f"{OPENSORA_VAE}/utils", f"{OPENSORA_VAE}/eval"]:
        write(os.path.join(root, package, "__init__.py"), "")
    write(os.path.join(root, OPENSORA_VAE, "utils/utils.py"), "def custom_to_video(*args, **kwargs):\n    raise NotImplementedError\n")
    write(os.path.join(root, OPENSORA_VAE, "eval/cal_psnr.py"), "def calculate_psnr(*args, **kwargs):\n    raise NotImplementedError\n")
    sys.path.insert(0, root)
    from opensora.models.causalvideovae.model.causal_vae.modeling_causalvae import CausalVAEModel
    arguments = {k: v for k, v in config.items() if not k.startswith("_")}
    return CausalVAEModel(**arguments)


def opensora_forward(model, x):
    recon, posterior = model(x, sample_posterior=True)
    return recon, posterior.kl()


def ivvae_model(git_dir, config, root):
    extract(git_dir, IVVAE_REF, ["models/vae3d.py"], root)
    sys.path.insert(0, os.path.join(root, "models"))
    from vae3d import VAutoencoder3d
    return VAutoencoder3d(**config)


def ivvae_forward(model, x):
    # upstream's encode(), keeping (mu, log_var) for the KL term; then its decode()
    model.clear_cache()
    groups = 1 + (x.shape[2] - 1) // 4
    for i in range(groups):
        model._enc_conv_idx = [0]
        part = x[:, :, :1] if i == 0 else x[:, :, 1 + 4 * (i - 1):1 + 4 * i]
        out_ = model.encoder(part, feat_cache=model._enc_feat_map, feat_idx=model._enc_conv_idx)
        out = out_ if i == 0 else torch.cat([out, out_], 2)
    h = model.conv1(out)
    z = model.z_dim
    h = torch.cat([h[:, :z], h[:, 2 * z:3 * z], h[:, z:2 * z], h[:, 3 * z:]], 1)
    mu, log_var = h.chunk(2, dim=1)
    latent = model.scale_factor * (model.sample(mu, log_var) - model.shift_factor)
    kl = 0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=[1, 2, 3, 4])
    return model.decode(latent), kl


def main():
    family, case_path, git_dir = sys.argv[1:4]
    frames, size, batch, threads, steps = (int(a) for a in (sys.argv[4:9] + ["17", "64", "2", "2", "3"][len(sys.argv[4:9]):]))
    torch.set_num_threads(threads)
    torch.manual_seed(3)
    with open(case_path) as f:
        document = json.load(f)
    config = document.get("config", document)
    root = tempfile.mkdtemp(prefix="videopipe-upstream-")
    model, forward = (opensora_model(git_dir, config, root), opensora_forward) if family == "odvae" else (ivvae_model(git_dir, config, root), ivvae_forward)
    model.train()
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    optimizer = torch.optim.AdamW([{"params": decay}, {"params": no_decay, "weight_decay": 0.0}], lr=1e-3, betas=(0.9, 0.999), weight_decay=0.01)
    generator = torch.Generator().manual_seed(7)
    count = sum(p.numel() for p in model.parameters())
    print(f"upstream train-step {family} {os.path.basename(case_path)} clip {batch}x3x{frames}x{size}x{size} threads {torch.get_num_threads()} params {count:,} torch {torch.__version__}")
    walls = []
    trace = os.environ.get("VIDEOPIPE_BENCH_TRACE")
    for step in range(1, steps + 1):
        # VIDEOPIPE_BENCH_TRACE=<file>: a Chrome trace of every operator of step 2, as the C# bench writes one
        profile = torch.autograd.profiler.profile() if step == 2 and trace else None
        if profile is not None:
            profile.__enter__()
        start, cpu = time.perf_counter(), time.process_time()
        u = torch.rand(batch, 3, size // 8, size // 8, generator=generator)
        x = (F.interpolate(u, size=(size, size), mode="bicubic", align_corners=False).unsqueeze(2).expand(batch, 3, frames, size, size).contiguous() * 2.0 - 1.0)
        recon, kl = forward(model, x)
        loss = (x - recon).abs().sum() / batch + 1e-6 * kl.sum() / batch
        forward_time = time.perf_counter() - start
        loss.backward()
        backward_time = time.perf_counter() - start - forward_time
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
        wall = time.perf_counter() - start
        if profile is not None:
            profile.__exit__(None, None, None)
            profile.export_chrome_trace(trace)
        walls.append(wall)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"step {step}: wall {wall:.3f} s (forward {forward_time:.3f}, backward {backward_time:.3f}), cpu {time.process_time() - cpu:.2f} s, loss {loss.item():.1f}, peak {peak:.0f} MiB")
    rest = sorted(walls[1:] or walls)
    print(f"median wall per step (after the first) {rest[len(rest) // 2]:.3f} s, min {rest[0]:.3f} s, max {rest[-1]:.3f} s")


if __name__ == "__main__":
    main()
