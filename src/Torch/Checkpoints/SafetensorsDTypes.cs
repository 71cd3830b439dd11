namespace VideoPipe.Torch.Checkpoints;

/// <summary>The dtype codes of the safetensors format ("F32", "BF16", ...) and their alignment order.</summary>
internal static class SafetensorsDTypes
{
    public static bool TryParse(string code, out DType dtype)
    {
        DType? parsed = code switch
        {
            "F32" => DType.Float32,
            "F16" => DType.Float16,
            "BF16" => DType.BFloat16,
            "F64" => DType.Float64,
            "I64" => DType.Int64,
            "I32" => DType.Int32,
            "I16" => DType.Int16,
            "I8" => DType.Int8,
            "U8" => DType.UInt8,
            "BOOL" => DType.Bool,
            _ => null,
        };
        dtype = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    public static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float16 => "F16",
        DType.BFloat16 => "BF16",
        DType.Float64 => "F64",
        DType.Int64 => "I64",
        DType.Int32 => "I32",
        DType.Int16 => "I16",
        DType.Int8 => "I8",
        DType.UInt8 => "U8",
        DType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors has no code for dtype {dtype.TorchName()}"),
    };

    /// <summary>
    /// Position of the dtype in the reference implementation's Dtype enum (BOOL, U8, I8, ..., I16, U16, F16, BF16,
    /// I32, U32, F32, F64, I64, U64). The writer orders tensors by this rank descending, then by name, so that every
    /// tensor's data stays aligned to its element size.
    /// </summary>
    public static int AlignmentRank(DType dtype) => dtype switch
    {
        DType.Bool => 0,
        DType.UInt8 => 1,
        DType.Int8 => 2,
        DType.Int16 => 5,
        DType.Float16 => 7,
        DType.BFloat16 => 8,
        DType.Int32 => 9,
        DType.Float32 => 11,
        DType.Float64 => 12,
        DType.Int64 => 13,
        _ => throw new NotSupportedException($"safetensors has no code for dtype {dtype.TorchName()}"),
    };
}
