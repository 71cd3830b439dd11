using System.Runtime.InteropServices;

namespace VideoPipe.Torch.Native;

/// <summary>P/Invoke declarations for the C ABI in native/include/vp.h. Every int return is a status code.</summary>
internal static unsafe partial class NativeMethods
{
    internal const string Lib = "videopipe_torch";

    [LibraryImport(Lib)] internal static partial nint vp_last_error();
    [LibraryImport(Lib)] internal static partial int vp_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int vp_get_num_threads();
    [LibraryImport(Lib)] internal static partial nint vp_torch_version();
    [LibraryImport(Lib)] internal static partial int vp_has_mkldnn();
    [LibraryImport(Lib)] internal static partial int vp_heap_stats(out long arenaInUse, out long arenaFree, out long mmapped, out long arenas);
    [LibraryImport(Lib)] internal static partial int vp_block_cache_stats(out long live, out long cached, out long peakLive, out long hits, out long misses);
    [LibraryImport(Lib)] internal static partial int vp_block_cache_release();

    [LibraryImport(Lib)] internal static partial void vp_free(nint t);
    [LibraryImport(Lib)] internal static partial int vp_dim(TensorHandle t, out long dim);
    [LibraryImport(Lib)] internal static partial int vp_shape(TensorHandle t, long* shape);
    [LibraryImport(Lib)] internal static partial int vp_strides(TensorHandle t, long* strides);
    [LibraryImport(Lib)] internal static partial int vp_dtype(TensorHandle t, out int dtype);
    [LibraryImport(Lib)] internal static partial int vp_device(TensorHandle t, out int type, out int index);
    [LibraryImport(Lib)] internal static partial int vp_is_contiguous(TensorHandle t, out int contiguous);
    [LibraryImport(Lib)] internal static partial int vp_is_inference(TensorHandle t, out int inference);
    [LibraryImport(Lib)] internal static partial int vp_data_ptr(TensorHandle t, out nint data);
    [LibraryImport(Lib)] internal static partial int vp_numel(TensorHandle t, out long numel);

    [LibraryImport(Lib)] internal static partial int vp_from_data(void* data, long[] shape, int ndim, int dtype, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_wrap(void* data, long[] shape, int ndim, int dtype, nint deleter, nint context, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_empty(long[] shape, int ndim, int dtype, int devType, int devIndex, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_full(long[] shape, int ndim, double value, int dtype, int devType, int devIndex, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_arange(double start, double end, double step, int dtype, int devType, int devIndex, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_linspace(double start, double end, long steps, int dtype, int devType, int devIndex, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_scalar_tensor(double value, int dtype, int devType, int devIndex, out TensorHandle result);

    [LibraryImport(Lib)] internal static partial int vp_generator_new(ulong seed, int devType, int devIndex, out nint generator);
    [LibraryImport(Lib)] internal static partial void vp_generator_free(nint generator);
    [LibraryImport(Lib)] internal static partial int vp_random(int kind, long[] shape, int ndim, int dtype, int devType, int devIndex, nint generator, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_randint(long low, long high, long[] shape, int ndim, int dtype, int devType, int devIndex, nint generator, out TensorHandle result);

    [LibraryImport(Lib)] internal static partial int vp_copy_to_host(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int vp_copy_from_host(TensorHandle t, void* src, long nbytes);
    [LibraryImport(Lib)] internal static partial int vp_to(TensorHandle t, int dtype, int devType, int devIndex, int copy, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_clone(TensorHandle t, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_contiguous(TensorHandle t, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int vp_fill_(TensorHandle t, double value);
    [LibraryImport(Lib)] internal static partial int vp_item(TensorHandle t, out double value);

    [LibraryImport(Lib)] internal static partial int vp_unary(int op, TensorHandle a, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_unary_(int op, TensorHandle a);
    [LibraryImport(Lib)] internal static partial int vp_binary(int op, TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_binary_(int op, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int vp_binary_scalar(int op, TensorHandle a, double b, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_binary_scalar_(int op, TensorHandle a, double b);
    [LibraryImport(Lib)] internal static partial int vp_rsub_scalar(double a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_leaky_relu(TensorHandle a, double slope, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_clamp(TensorHandle a, int hasMin, double min, int hasMax, double max, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_where(TensorHandle cond, TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_masked_fill(TensorHandle a, TensorHandle mask, double value, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_addcmul(TensorHandle a, TensorHandle b, TensorHandle c, double value, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_lerp(TensorHandle a, TensorHandle b, double weight, out TensorHandle result);

    [LibraryImport(Lib)] internal static partial int vp_reduce(int op, TensorHandle a, long[] dims, int ndims, int keepdim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_var(TensorHandle a, long[] dims, int ndims, long correction, int keepdim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_norm(TensorHandle a, double p, long[] dims, int ndims, int keepdim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_minmax_dim(int op, TensorHandle a, long dim, int keepdim, out TensorHandle values, out TensorHandle indices);
    [LibraryImport(Lib)] internal static partial int vp_argmax(TensorHandle a, long dim, int keepdim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_cumsum(TensorHandle a, long dim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_all_close(TensorHandle a, TensorHandle b, double rtol, double atol, out int result);

    [LibraryImport(Lib)] internal static partial int vp_reshape(TensorHandle a, long[] shape, int ndim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_view(TensorHandle a, long[] shape, int ndim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_permute(TensorHandle a, long[] dims, int ndim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_transpose(TensorHandle a, long d0, long d1, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_flatten(TensorHandle a, long start, long end, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_unsqueeze(TensorHandle a, long dim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_squeeze(TensorHandle a, long dim, int all, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_expand(TensorHandle a, long[] shape, int ndim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_repeat(TensorHandle a, long[] repeats, int ndim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_flip(TensorHandle a, long[] dims, int ndims, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_roll(TensorHandle a, long[] shifts, long[] dims, int ndims, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_narrow(TensorHandle a, long dim, long start, long length, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_slice(TensorHandle a, long dim, long start, long end, long step, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_select(TensorHandle a, long dim, long index, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_index_select(TensorHandle a, long dim, TensorHandle index, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_gather(TensorHandle a, long dim, TensorHandle index, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_cat(nint* tensors, int n, long dim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_stack(nint* tensors, int n, long dim, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_split_sizes(TensorHandle a, long[] sizes, int nsizes, long dim, nint* outs);
    [LibraryImport(Lib)] internal static partial int vp_chunk_count(TensorHandle a, long chunks, long dim, out long count);
    [LibraryImport(Lib)] internal static partial int vp_chunk(TensorHandle a, long chunks, long dim, nint* outs);

    [LibraryImport(Lib)] internal static partial int vp_matmul(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_bmm(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_baddbmm(TensorHandle self, TensorHandle a, TensorHandle b, double beta, double alpha, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_linear(TensorHandle x, TensorHandle w, nint b, out TensorHandle result);

    [LibraryImport(Lib)] internal static partial int vp_conv(TensorHandle x, TensorHandle w, nint b, long[] stride, long[] padding, long[] dilation, long[]? outputPadding, int nspatial, int transposed, long groups, int kernel, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_conv_path(TensorHandle x, TensorHandle w, long[] stride, long[] dilation, long[]? outputPadding, int nspatial, int transposed, long groups, int kernel, out int path);
    [LibraryImport(Lib)] internal static partial int vp_group_norm(TensorHandle x, long groups, nint w, nint b, double eps, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_layer_norm(TensorHandle x, long[] normalized, int n, nint w, nint b, double eps, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_softmax(TensorHandle x, long dim, int log, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_attention(TensorHandle q, TensorHandle k, TensorHandle v, nint mask, double scale, long blockQ, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_interpolate(TensorHandle x, int mode, long[]? size, double[]? scales, int nspatial, int alignCorners, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_pad(TensorHandle x, long[] pads, int npads, int mode, double value, out TensorHandle result);

    [LibraryImport(Lib)] internal static partial int vp_cuda_available();
    [LibraryImport(Lib)] internal static partial int vp_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int vp_cuda_synchronize(int devIndex);
    [LibraryImport(Lib)] internal static partial int vp_cuda_stream_from_pool(int devIndex, int highPriority, out long streamId);
    [LibraryImport(Lib)] internal static partial int vp_cuda_set_stream(int devIndex, long streamId);
    [LibraryImport(Lib)] internal static partial int vp_cuda_current_stream(int devIndex, out long streamId);
    [LibraryImport(Lib)] internal static partial int vp_cuda_memory_allocated(int devIndex, out long bytes);

    /// <summary>Throws the native error of the last failed call on this thread.</summary>
    internal static void Check(int status)
    {
        if (status != 0)
        {
            throw new TorchException(Marshal.PtrToStringUTF8(vp_last_error()) ?? "unknown native error");
        }
    }
}
