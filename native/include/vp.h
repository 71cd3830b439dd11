// Flat C ABI over libtorch for VideoPipe. Every entry point returns 0 on success and non-zero on
// failure; the failure text (libtorch's own message) is read with vp_last_error() on the same thread.
// Tensors are opaque heap handles released with vp_free. Nothing here aborts the process.
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VP_API __attribute__((visibility("default")))

typedef struct vp_tensor_opaque* vp_tensor;
typedef struct vp_generator_opaque* vp_generator;
typedef void (*vp_deleter)(void* context);

// ---- errors, threads, version ----
VP_API const char* vp_last_error(void);
VP_API int vp_set_num_threads(int n);
VP_API int vp_get_num_threads(void);
VP_API const char* vp_torch_version(void);
VP_API int vp_has_mkldnn(void);

// ---- native heap (glibc malloc; elsewhere every count is 0) ----
// Loading the shim fixes glibc's mmap threshold (VIDEOPIPE_MMAP_THRESHOLD bytes, default 128 KiB; 0 keeps glibc's
// dynamic threshold), so every larger tensor is an mmap of its own, returned to the system when freed.
// mallinfo2 over all arenas: bytes in use in the arenas, bytes free but held by them, bytes in mmapped blocks;
// and how many arenas exist.
VP_API int vp_heap_stats(int64_t* arena_in_use, int64_t* arena_free, int64_t* mmapped, int64_t* arenas);

// ---- block cache: libtorch's CPU allocator for tensors of 128 KiB and more (native/src/vp_block_cache.cpp) ----
// Freed large blocks are kept and handed out again (no page faults for recurring sizes); never more mapped than the
// peak of live bytes. VIDEOPIPE_CPU_BLOCK_CACHE_MB caps the cached bytes (default 4096; 0 = off, all counts 0).
VP_API int vp_block_cache_stats(int64_t* live, int64_t* cached, int64_t* peak_live, int64_t* hits, int64_t* misses);
// unmaps every cached (free) block
VP_API int vp_block_cache_release(void);

// ---- lifetime and metadata ----
VP_API void vp_free(vp_tensor t);
VP_API int vp_dim(vp_tensor t, int64_t* out);
VP_API int vp_shape(vp_tensor t, int64_t* out);   // out has vp_dim entries
VP_API int vp_strides(vp_tensor t, int64_t* out);
VP_API int vp_dtype(vp_tensor t, int* out);       // c10::ScalarType numbering
VP_API int vp_device(vp_tensor t, int* type, int* index);  // type: 0 cpu, 1 cuda
VP_API int vp_is_contiguous(vp_tensor t, int* out);
VP_API int vp_is_inference(vp_tensor t, int* out);  // 1 when created under inference mode (every shim op)
VP_API int vp_data_ptr(vp_tensor t, void** out);
VP_API int vp_numel(vp_tensor t, int64_t* out);

// ---- creation ----
VP_API int vp_from_data(const void* data, const int64_t* shape, int ndim, int dtype, vp_tensor* out);
VP_API int vp_wrap(void* data, const int64_t* shape, int ndim, int dtype, vp_deleter deleter,
                   void* context, vp_tensor* out);
VP_API int vp_empty(const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index, vp_tensor* out);
VP_API int vp_full(const int64_t* shape, int ndim, double value, int dtype, int dev_type, int dev_index,
                   vp_tensor* out);
VP_API int vp_arange(double start, double end, double step, int dtype, int dev_type, int dev_index,
                     vp_tensor* out);
VP_API int vp_linspace(double start, double end, int64_t steps, int dtype, int dev_type, int dev_index,
                       vp_tensor* out);
VP_API int vp_scalar_tensor(double value, int dtype, int dev_type, int dev_index, vp_tensor* out);

// ---- random (always from an explicit generator) ----
VP_API int vp_generator_new(uint64_t seed, int dev_type, int dev_index, vp_generator* out);
VP_API void vp_generator_free(vp_generator g);
VP_API int vp_generator_seed(vp_generator g, uint64_t* out);
// kind: 0 rand (uniform [0,1)), 1 randn; randint uses vp_randint
VP_API int vp_random(int kind, const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index,
                     vp_generator g, vp_tensor* out);
VP_API int vp_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dtype, int dev_type,
                      int dev_index, vp_generator g, vp_tensor* out);

// ---- copies and conversion ----
VP_API int vp_copy_to_host(vp_tensor t, void* dst, int64_t nbytes);  // any layout/device -> dense host
VP_API int vp_copy_from_host(vp_tensor t, const void* src, int64_t nbytes);
VP_API int vp_to(vp_tensor t, int dtype, int dev_type, int dev_index, int copy, vp_tensor* out);
VP_API int vp_clone(vp_tensor t, vp_tensor* out);
VP_API int vp_contiguous(vp_tensor t, vp_tensor* out);
VP_API int vp_copy_(vp_tensor dst, vp_tensor src);
VP_API int vp_fill_(vp_tensor t, double value);
VP_API int vp_item(vp_tensor t, double* out);

// ---- elementwise ----
VP_API int vp_unary(int op, vp_tensor a, vp_tensor* out);
VP_API int vp_unary_(int op, vp_tensor a);
VP_API int vp_binary(int op, vp_tensor a, vp_tensor b, vp_tensor* out);
VP_API int vp_binary_(int op, vp_tensor a, vp_tensor b);
VP_API int vp_binary_scalar(int op, vp_tensor a, double b, vp_tensor* out);
VP_API int vp_binary_scalar_(int op, vp_tensor a, double b);
VP_API int vp_rsub_scalar(double a, vp_tensor b, vp_tensor* out);  // a - b
VP_API int vp_leaky_relu(vp_tensor a, double slope, vp_tensor* out);
VP_API int vp_clamp(vp_tensor a, int has_min, double min, int has_max, double max, vp_tensor* out);
VP_API int vp_where(vp_tensor cond, vp_tensor a, vp_tensor b, vp_tensor* out);
VP_API int vp_masked_fill(vp_tensor a, vp_tensor mask, double value, vp_tensor* out);
VP_API int vp_addcmul(vp_tensor a, vp_tensor b, vp_tensor c, double value, vp_tensor* out);
VP_API int vp_lerp(vp_tensor a, vp_tensor b, double weight, vp_tensor* out);

// ---- reductions ----
// op: 0 sum, 1 mean, 2 amax, 3 amin, 4 prod; ndims == 0 reduces everything
VP_API int vp_reduce(int op, vp_tensor a, const int64_t* dims, int ndims, int keepdim, vp_tensor* out);
VP_API int vp_var(vp_tensor a, const int64_t* dims, int ndims, int64_t correction, int keepdim, vp_tensor* out);
VP_API int vp_norm(vp_tensor a, double p, const int64_t* dims, int ndims, int keepdim, vp_tensor* out);
// op: 0 max, 1 min; returns values and indices along dim
VP_API int vp_minmax_dim(int op, vp_tensor a, int64_t dim, int keepdim, vp_tensor* values, vp_tensor* indices);
VP_API int vp_argmax(vp_tensor a, int64_t dim, int keepdim, vp_tensor* out);
VP_API int vp_cumsum(vp_tensor a, int64_t dim, vp_tensor* out);
VP_API int vp_all_close(vp_tensor a, vp_tensor b, double rtol, double atol, int* out);

// ---- shape and indexing ----
VP_API int vp_reshape(vp_tensor a, const int64_t* shape, int ndim, vp_tensor* out);
VP_API int vp_view(vp_tensor a, const int64_t* shape, int ndim, vp_tensor* out);
VP_API int vp_permute(vp_tensor a, const int64_t* dims, int ndim, vp_tensor* out);
VP_API int vp_transpose(vp_tensor a, int64_t d0, int64_t d1, vp_tensor* out);
VP_API int vp_flatten(vp_tensor a, int64_t start, int64_t end, vp_tensor* out);
VP_API int vp_unsqueeze(vp_tensor a, int64_t dim, vp_tensor* out);
VP_API int vp_squeeze(vp_tensor a, int64_t dim, int all, vp_tensor* out);
VP_API int vp_expand(vp_tensor a, const int64_t* shape, int ndim, vp_tensor* out);
VP_API int vp_repeat(vp_tensor a, const int64_t* repeats, int ndim, vp_tensor* out);
VP_API int vp_flip(vp_tensor a, const int64_t* dims, int ndims, vp_tensor* out);
VP_API int vp_roll(vp_tensor a, const int64_t* shifts, const int64_t* dims, int ndims, vp_tensor* out);
VP_API int vp_narrow(vp_tensor a, int64_t dim, int64_t start, int64_t length, vp_tensor* out);
VP_API int vp_slice(vp_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step, vp_tensor* out);
VP_API int vp_select(vp_tensor a, int64_t dim, int64_t index, vp_tensor* out);
VP_API int vp_index_select(vp_tensor a, int64_t dim, vp_tensor index, vp_tensor* out);
VP_API int vp_gather(vp_tensor a, int64_t dim, vp_tensor index, vp_tensor* out);
VP_API int vp_cat(const vp_tensor* ts, int n, int64_t dim, vp_tensor* out);
VP_API int vp_stack(const vp_tensor* ts, int n, int64_t dim, vp_tensor* out);
// split into pieces of the given sizes (sum must equal the dim's size); outs has nsizes entries
VP_API int vp_split_sizes(vp_tensor a, const int64_t* sizes, int nsizes, int64_t dim, vp_tensor* outs);
VP_API int vp_chunk_count(vp_tensor a, int64_t chunks, int64_t dim, int64_t* out);
VP_API int vp_chunk(vp_tensor a, int64_t chunks, int64_t dim, vp_tensor* outs);

// ---- linear algebra ----
VP_API int vp_matmul(vp_tensor a, vp_tensor b, vp_tensor* out);
VP_API int vp_bmm(vp_tensor a, vp_tensor b, vp_tensor* out);
VP_API int vp_baddbmm(vp_tensor self, vp_tensor a, vp_tensor b, double beta, double alpha, vp_tensor* out);
VP_API int vp_linear(vp_tensor x, vp_tensor w, vp_tensor b /*nullable*/, vp_tensor* out);

// ---- neural network ----
// conv over 1, 2 or 3 spatial dims (inferred from weight). transposed uses output_padding.
// kernel: 0 auto (oneDNN where torch 1.13 would fall back to its slow kernel; rule in src/conv_onednn.h),
// 1 torch's choice, 2 oneDNN wherever it can run (benchmarks).
VP_API int vp_conv(vp_tensor x, vp_tensor w, vp_tensor b /*nullable*/, const int64_t* stride,
                   const int64_t* padding, const int64_t* dilation, const int64_t* output_padding, int nspatial,
                   int transposed, int64_t groups, int kernel, vp_tensor* out);
// which path vp_conv would take for these arguments: 0 torch's choice, 1 oneDNN, 2 oneDNN over a zero-stuffed input
VP_API int vp_conv_path(vp_tensor x, vp_tensor w, const int64_t* stride, const int64_t* dilation,
                        const int64_t* output_padding, int nspatial, int transposed, int64_t groups, int kernel,
                        int* out);
VP_API int vp_group_norm(vp_tensor x, int64_t groups, vp_tensor w, vp_tensor b, double eps, vp_tensor* out);
VP_API int vp_layer_norm(vp_tensor x, const int64_t* normalized, int n, vp_tensor w, vp_tensor b, double eps,
                         vp_tensor* out);
// x: (B, C, ...) with C split into `groups` equal channel groups; per (b, group, position) divides by
// max(L2 norm over the group's channels, eps), multiplies channel c by scale[c] (C values), then applies
// SiLU when silu != 0. float32 runs a fused two-pass kernel.
VP_API int vp_channel_rms_norm(vp_tensor x, vp_tensor scale, int64_t groups, double eps, int silu, vp_tensor* out);
VP_API int vp_softmax(vp_tensor x, int64_t dim, int log, vp_tensor* out);
// q,k,v: (..., L, E); computed in query blocks of block_q rows so the L x S score matrix is never whole.
// scale <= 0 means 1/sqrt(E). mask may be null (additive float or boolean keep-mask, broadcastable).
VP_API int vp_attention(vp_tensor q, vp_tensor k, vp_tensor v, vp_tensor mask, double scale, int64_t block_q,
                        vp_tensor* out);
// mode: 0 nearest, 1 nearest-exact, 2 linear (1d), 3 bilinear, 4 trilinear, 5 bicubic
// size (nspatial entries) or scales (nspatial entries, when size is null)
VP_API int vp_interpolate(vp_tensor x, int mode, const int64_t* size, const double* scales, int nspatial,
                          int align_corners, vp_tensor* out);
// mode: 0 constant, 1 reflect, 2 replicate, 3 circular; pads as torch.nn.functional.pad (last dim first)
VP_API int vp_pad(vp_tensor x, const int64_t* pads, int npads, int mode, double value, vp_tensor* out);

// ---- autograd ----
// mode of the calling thread: 0 inference (default; every op yields inference tensors, nothing recorded),
// 1 grad (normal tensors; ops on tensors that require grad are recorded; own kernels step aside for libtorch's
// differentiable ops), 2 no-grad (normal tensors, nothing recorded)
VP_API int vp_set_grad_mode(int mode);
VP_API int vp_set_autocast(int device_type, int dtype, int* previous_dtype);  // dtype 0: off
VP_API int vp_get_grad_mode(int* out);
VP_API int vp_requires_grad(vp_tensor t, int* out);
VP_API int vp_set_requires_grad(vp_tensor t, int value);  // fails on inference tensors
VP_API int vp_is_leaf(vp_tensor t, int* out);
VP_API int vp_grad(vp_tensor t, vp_tensor* out);       // *out null when no grad has been accumulated
VP_API int vp_set_grad(vp_tensor t, vp_tensor grad);   // grad null clears it
VP_API int vp_detach(vp_tensor t, vp_tensor* out);
VP_API int vp_backward(vp_tensor t, vp_tensor gradient /*nullable for scalars*/, int retain_graph, int create_graph);
// outs has ninputs entries; null for an input the outputs do not depend on (allow_unused)
VP_API int vp_autograd_grad(const vp_tensor* outputs, int noutputs, const vp_tensor* inputs, int ninputs,
                            const vp_tensor* grad_outputs, int retain_graph, int create_graph, int allow_unused,
                            vp_tensor* outs);

// ---- optimizers (native/src/vp_optim.cpp): PyTorch 1.13's single-tensor updates, op for op, without recording ----
// Adam (decoupled 0: L2 weight decay added to the gradient) or AdamW (decoupled 1); step counts from 1
VP_API int vp_adam_step(vp_tensor param, vp_tensor grad, vp_tensor exp_avg, vp_tensor exp_avg_sq, int64_t step,
                        double lr, double beta1, double beta2, double eps, double weight_decay, int decoupled);
// momentum_buffer: an empty tensor before the first step (filled with the gradient then)
VP_API int vp_sgd_step(vp_tensor param, vp_tensor grad, vp_tensor momentum_buffer, double lr, double momentum,
                       double dampening, double weight_decay, int nesterov);
// clip_grad_norm_: scales every gradient in place; *total_norm is the norm before clipping (norm_type <= 0: inf)
VP_API int vp_clip_grad_norm(const vp_tensor* grads, int n, double max_norm, double norm_type, double* total_norm);
VP_API int vp_ema_update(vp_tensor ema, vp_tensor value, double decay);

// ---- profiling: every ATen op of the calling thread between begin and end, written as a Chrome trace at end ----
VP_API int vp_profile_begin(const char* trace_path);
VP_API int vp_profile_end(void);

// ---- devices and streams ----
VP_API int vp_cuda_available(void);
VP_API int vp_cuda_device_count(void);
VP_API int vp_cuda_synchronize(int dev_index);
VP_API int vp_cuda_stream_from_pool(int dev_index, int high_priority, int64_t* stream_id);
VP_API int vp_cuda_set_stream(int dev_index, int64_t stream_id);
VP_API int vp_cuda_current_stream(int dev_index, int64_t* stream_id);
VP_API int vp_cuda_memory_allocated(int dev_index, int64_t* out);

#ifdef __cplusplus
}
#endif
