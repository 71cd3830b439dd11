using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// An allow-listed interpreter for the pickle programs that <c>torch.save</c> writes. It builds plain data
/// (dictionaries, lists, <see cref="PickleTuple"/>s, strings, numbers, bytes) and <see cref="TensorDescriptor"/>s;
/// the only globals it resolves are those of <see cref="SafeGlobal"/>, and it never executes anything the file names.
/// </summary>
internal sealed class TorchUnpickler
{
    private const int MaxMemoEntries = 1 << 26;

    private readonly string path;
    private readonly byte[] data;
    private readonly List<object?> stack = new();
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object?> memo = new();
    private readonly Dictionary<string, StorageReference> storages = new(StringComparer.Ordinal);
    private int position;

    private TorchUnpickler(string path, byte[] data)
    {
        this.path = path;
        this.data = data;
    }

    /// <summary>Runs the pickle program in <paramref name="data"/> (read from <paramref name="path"/>) and returns its result.</summary>
    public static object? Unpickle(string path, byte[] data) => new TorchUnpickler(path, data).Run();

    private object? Run()
    {
        while (true)
        {
            var opcodeOffset = position;
            var opcode = ReadByte();
            switch (opcode)
            {
                case 0x80: ReadByte(); break; // PROTO
                case 0x95: ReadBytes(8); break; // FRAME: the whole program is in memory already
                case (byte)'.': return FinishedResult(opcodeOffset); // STOP
                case (byte)'(': marks.Push(stack.Count); break; // MARK
                case (byte)'}': stack.Add(new OrderedDictionary<object, object?>()); break; // EMPTY_DICT
                case (byte)']': stack.Add(new List<object?>()); break; // EMPTY_LIST
                case (byte)')': stack.Add(PickleTuple.Empty); break; // EMPTY_TUPLE
                case (byte)'t': stack.Add(new PickleTuple(PopMark(opcodeOffset).ToArray())); break; // TUPLE
                case 0x85: stack.Add(new PickleTuple(Pop(opcodeOffset, 1))); break; // TUPLE1
                case 0x86: stack.Add(new PickleTuple(Pop(opcodeOffset, 2))); break; // TUPLE2
                case 0x87: stack.Add(new PickleTuple(Pop(opcodeOffset, 3))); break; // TUPLE3
                case (byte)'l': stack.Add(PopMark(opcodeOffset)); break; // LIST
                case (byte)'d': stack.Add(DictFrom(PopMark(opcodeOffset), opcodeOffset)); break; // DICT
                case (byte)'N': stack.Add(null); break; // NONE
                case 0x88: stack.Add(true); break; // NEWTRUE
                case 0x89: stack.Add(false); break; // NEWFALSE
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break; // BININT
                case (byte)'K': stack.Add((long)ReadByte()); break; // BININT1
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break; // BININT2
                case 0x8a: stack.Add(ReadLong(ReadByte())); break; // LONG1
                case 0x8b: stack.Add(ReadLong(ReadLength(4, opcodeOffset))); break; // LONG4
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break; // BINFLOAT
                case (byte)'X': stack.Add(ReadUtf8(ReadLength(4, opcodeOffset), opcodeOffset)); break; // BINUNICODE
                case 0x8c: stack.Add(ReadUtf8(ReadByte(), opcodeOffset)); break; // SHORT_BINUNICODE
                case 0x8d: stack.Add(ReadUtf8(ReadLength(8, opcodeOffset), opcodeOffset)); break; // BINUNICODE8
                case (byte)'C': stack.Add(ReadBytes(ReadByte()).ToArray()); break; // SHORT_BINBYTES
                case (byte)'B': stack.Add(ReadBytes(ReadLength(4, opcodeOffset)).ToArray()); break; // BINBYTES
                case 0x8e: stack.Add(ReadBytes(ReadLength(8, opcodeOffset)).ToArray()); break; // BINBYTES8
                case (byte)'U': stack.Add(Encoding.Latin1.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINSTRING
                case (byte)'T': stack.Add(Encoding.Latin1.GetString(ReadBytes(ReadLength(4, opcodeOffset)))); break; // BINSTRING
                case (byte)'s': SetItems(Pop(opcodeOffset, 2), opcodeOffset); break; // SETITEM
                case (byte)'u': SetItems(PopMark(opcodeOffset), opcodeOffset); break; // SETITEMS
                case (byte)'a': Append(Pop(opcodeOffset, 1), opcodeOffset); break; // APPEND
                case (byte)'e': Append(PopMark(opcodeOffset), opcodeOffset); break; // APPENDS
                case (byte)'q': Memoize(ReadByte(), opcodeOffset); break; // BINPUT
                case (byte)'r': Memoize(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)), opcodeOffset); break; // LONG_BINPUT
                case 0x94: Memoize(memo.Count, opcodeOffset); break; // MEMOIZE
                case (byte)'h': stack.Add(Recall(ReadByte(), opcodeOffset)); break; // BINGET
                case (byte)'j': stack.Add(Recall(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)), opcodeOffset)); break; // LONG_BINGET
                case (byte)'0': Pop(opcodeOffset, 1); break; // POP
                case (byte)'1': PopMark(opcodeOffset); break; // POP_MARK
                case (byte)'2': stack.Add(Top(opcodeOffset)); break; // DUP
                case (byte)'c': stack.Add(SafeGlobal.Resolve(path, ReadLine(opcodeOffset), ReadLine(opcodeOffset))); break; // GLOBAL
                case 0x93: stack.Add(StackGlobal(opcodeOffset)); break; // STACK_GLOBAL
                case (byte)'i': // INST: resolve (rejecting anything not allow-listed) before refusing the opcode itself
                    SafeGlobal.Resolve(path, ReadLine(opcodeOffset), ReadLine(opcodeOffset));
                    throw Unsupported(opcode, opcodeOffset);
                case 0x82 or 0x83 or 0x84: // EXT1, EXT2, EXT4: globals from the copyreg extension registry
                    throw new CheckpointSecurityException(path, $"copyreg extension code at offset {opcodeOffset}");
                case (byte)'R': Reduce(opcodeOffset); break; // REDUCE
                case 0x81: NewObject(opcodeOffset); break; // NEWOBJ
                case (byte)'b': Build(opcodeOffset); break; // BUILD
                case (byte)'Q': stack.Add(PersistentLoad(Pop(opcodeOffset, 1)[0], opcodeOffset)); break; // BINPERSID
                default: throw Unsupported(opcode, opcodeOffset);
            }
        }
    }

    private object? FinishedResult(int offset)
    {
        if (stack.Count != 1 || marks.Count != 0)
        {
            throw Corrupt(offset, $"STOP with {stack.Count} values on the stack and {marks.Count} open marks");
        }

        return stack[0];
    }

    // ---- reading the program ----

    private byte ReadByte()
    {
        if (position >= data.Length)
        {
            throw Corrupt(position, "pickle ends without STOP (truncated?)");
        }

        return data[position++];
    }

    private ReadOnlySpan<byte> ReadBytes(long count)
    {
        if (count < 0 || count > data.Length - position)
        {
            throw Corrupt(position, $"a {count}-byte argument runs past the end of the pickle (truncated?)");
        }

        var span = data.AsSpan(position, (int)count);
        position += (int)count;
        return span;
    }

    private long ReadLength(int width, int offset)
    {
        var bytes = ReadBytes(width);
        var length = width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return length is >= 0 and <= int.MaxValue ? length : throw Corrupt(offset, $"length {length} is out of range");
    }

    private string ReadUtf8(long count, int offset)
    {
        var bytes = ReadBytes(count);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt(offset, "string is not valid UTF-8");
        }
    }

    private string ReadLine(int offset)
    {
        var end = Array.IndexOf(data, (byte)'\n', position);
        if (end < 0)
        {
            throw Corrupt(offset, "GLOBAL name is not terminated by a newline");
        }

        var text = Encoding.UTF8.GetString(data, position, end - position);
        position = end + 1;
        return text;
    }

    private object ReadLong(long byteCount)
    {
        var bytes = ReadBytes(byteCount);
        if (bytes.Length == 0)
        {
            return 0L;
        }

        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    // ---- the stack ----

    /// <summary>Values above the innermost MARK; as in CPython, opcodes cannot reach below it.</summary>
    private int Available => stack.Count - (marks.Count > 0 ? marks.Peek() : 0);

    private object? Top(int offset) => Available > 0 ? stack[^1] : throw Corrupt(offset, "stack underflow");

    private object?[] Pop(int offset, int count)
    {
        if (Available < count)
        {
            throw Corrupt(offset, "stack underflow");
        }

        var items = stack.GetRange(stack.Count - count, count).ToArray();
        stack.RemoveRange(stack.Count - count, count);
        return items;
    }

    private List<object?> PopMark(int offset)
    {
        if (marks.Count == 0)
        {
            throw Corrupt(offset, "no MARK to pop to");
        }

        var start = marks.Pop();
        var items = stack.GetRange(start, stack.Count - start);
        stack.RemoveRange(start, stack.Count - start);
        return items;
    }

    private void Memoize(long index, int offset)
    {
        if (memo.Count >= MaxMemoEntries && !memo.ContainsKey(index))
        {
            throw Corrupt(offset, "memo grows beyond any real checkpoint");
        }

        memo[index] = Top(offset);
    }

    private object? Recall(long index, int offset) =>
        memo.TryGetValue(index, out var value) ? value : throw Corrupt(offset, $"memo slot {index} was never stored");

    // ---- containers ----

    private OrderedDictionary<object, object?> DictFrom(IReadOnlyList<object?> pairs, int offset)
    {
        var dict = new OrderedDictionary<object, object?>();
        AddPairs(dict, pairs, offset);
        return dict;
    }

    private void SetItems(IReadOnlyList<object?> pairs, int offset)
    {
        if (Top(offset) is not OrderedDictionary<object, object?> dict)
        {
            throw Corrupt(offset, $"SETITEM(S) on a {Describe(Top(offset))}, not a dict");
        }

        AddPairs(dict, pairs, offset);
    }

    private void AddPairs(OrderedDictionary<object, object?> dict, IReadOnlyList<object?> pairs, int offset)
    {
        if (pairs.Count % 2 != 0)
        {
            throw Corrupt(offset, "odd number of items for a dict");
        }

        for (var i = 0; i < pairs.Count; i += 2)
        {
            var key = pairs[i] switch
            {
                string or long or double or bool or BigInteger or PickleTuple or byte[] => pairs[i]!,
                var other => throw Corrupt(offset, $"unsupported dict key of type {Describe(other)}"),
            };
            dict[key] = pairs[i + 1];
        }
    }

    private void Append(IReadOnlyList<object?> items, int offset)
    {
        if (Top(offset) is not List<object?> list)
        {
            throw Corrupt(offset, $"APPEND(S) on a {Describe(Top(offset))}, not a list");
        }

        list.AddRange(items);
    }

    // ---- globals and calls ----

    private SafeGlobal StackGlobal(int offset)
    {
        var parts = Pop(offset, 2);
        if (parts[0] is not string module || parts[1] is not string name)
        {
            throw Corrupt(offset, "STACK_GLOBAL needs two strings");
        }

        return SafeGlobal.Resolve(path, module, name);
    }

    private void Reduce(int offset)
    {
        var popped = Pop(offset, 2);
        if (popped[0] is not SafeGlobal callable)
        {
            throw Corrupt(offset, $"REDUCE calls a {Describe(popped[0])}");
        }

        if (popped[1] is not PickleTuple args)
        {
            throw Corrupt(offset, $"REDUCE arguments are a {Describe(popped[1])}, not a tuple");
        }

        stack.Add(callable.Kind switch
        {
            SafeGlobalKind.OrderedDict => NewOrderedDict(args, offset),
            SafeGlobalKind.RebuildTensorV2 => RebuildTensor(args, offset),
            SafeGlobalKind.RebuildParameter or SafeGlobalKind.RebuildParameterWithState => RebuildParameter(args, offset),
            _ => throw Corrupt(offset, $"{callable.FullName} is not callable"),
        });
    }

    private void NewObject(int offset)
    {
        var popped = Pop(offset, 2);
        if (popped[0] is not SafeGlobal { Kind: SafeGlobalKind.OrderedDict } || popped[1] is not PickleTuple args)
        {
            throw Corrupt(offset, $"NEWOBJ of a {Describe(popped[0])} is not supported");
        }

        stack.Add(NewOrderedDict(args, offset));
    }

    private OrderedDictionary<object, object?> NewOrderedDict(PickleTuple args, int offset)
    {
        var dict = new OrderedDictionary<object, object?>();
        if (args.Count == 0)
        {
            return dict;
        }

        if (args.Count == 1 && args[0] is List<object?> pairs && pairs.All(p => p is PickleTuple { Count: 2 }))
        {
            AddPairs(dict, pairs.Cast<PickleTuple>().SelectMany(p => p).ToList(), offset);
            return dict;
        }

        throw Corrupt(offset, "OrderedDict called with unsupported arguments");
    }

    /// <summary>BUILD sets object state; for dicts that is attributes such as a state dict's _metadata, which carry no tensors.</summary>
    private void Build(int offset)
    {
        var state = Pop(offset, 1)[0];
        var target = Top(offset);
        if (target is not (OrderedDictionary<object, object?> or TensorDescriptor))
        {
            throw Corrupt(offset, $"BUILD on a {Describe(target)} is not supported");
        }

        if (state is not (null or OrderedDictionary<object, object?> or PickleTuple))
        {
            throw Corrupt(offset, $"BUILD with a {Describe(state)} state is not supported");
        }
    }

    private StorageReference PersistentLoad(object? persistentId, int offset)
    {
        if (persistentId is not PickleTuple { Count: 5 } pid || pid[0] is not "storage"
            || pid[1] is not SafeGlobal { Kind: SafeGlobalKind.StorageType } storageType
            || pid[2] is not string key || pid[3] is not string || pid[4] is not long elementCount || elementCount < 0)
        {
            throw Corrupt(offset, $"persistent id {persistentId} is not ('storage', <torch storage type>, key, location, numel)");
        }

        if (storages.TryGetValue(key, out var known))
        {
            return known.DType == storageType.StorageDType && known.ElementCount == elementCount
                ? known
                : throw Corrupt(offset, $"storage '{key}' is described twice with different types or sizes");
        }

        var storage = new StorageReference(key, storageType.StorageDType, elementCount);
        storages[key] = storage;
        return storage;
    }

    private TensorDescriptor RebuildTensor(PickleTuple args, int offset)
    {
        if (args.Count is < 6 or > 7 || args[0] is not StorageReference storage || args[1] is not long storageOffset
            || args[2] is not PickleTuple size || args[3] is not PickleTuple stride || args[4] is not bool)
        {
            throw Corrupt(offset, $"_rebuild_tensor_v2 arguments {args} are not (storage, offset, size, stride, requires_grad, hooks[, metadata])");
        }

        var shape = ToLongs(size, "size", offset);
        var strides = ToLongs(stride, "stride", offset);
        if (shape.Length != strides.Length)
        {
            throw Corrupt(offset, $"tensor has {shape.Length} sizes but {strides.Length} strides");
        }

        CheckViewFitsStorage(storage, storageOffset, shape, strides, offset);
        return new TensorDescriptor(storage, storageOffset, shape, strides, isParameter: false);
    }

    private TensorDescriptor RebuildParameter(PickleTuple args, int offset) =>
        args.Count >= 1 && args[0] is TensorDescriptor data
            ? data.AsParameter()
            : throw Corrupt(offset, "_rebuild_parameter without a tensor");

    private long[] ToLongs(PickleTuple tuple, string what, int offset) =>
        tuple.Select(item => item is long value && value >= 0 ? value : throw Corrupt(offset, $"tensor {what} {tuple} holds a non-integer or negative value")).ToArray();

    private void CheckViewFitsStorage(StorageReference storage, long storageOffset, long[] shape, long[] strides, int offset)
    {
        if (storageOffset < 0)
        {
            throw Corrupt(offset, $"negative storage offset {storageOffset}");
        }

        if (shape.Any(s => s == 0))
        {
            return;
        }

        try
        {
            var last = storageOffset;
            for (var dim = 0; dim < shape.Length; dim++)
            {
                last = checked(last + checked((shape[dim] - 1) * strides[dim]));
            }

            if (last >= storage.ElementCount)
            {
                throw Corrupt(offset, $"view [{string.Join(", ", shape)}] with strides [{string.Join(", ", strides)}] at offset {storageOffset} reads past storage '{storage.Key}' ({storage.ElementCount} elements)");
            }
        }
        catch (OverflowException)
        {
            throw Corrupt(offset, "tensor view is too large to address");
        }
    }

    // ---- errors ----

    private static string Describe(object? value) => value switch
    {
        null => "None",
        SafeGlobal g => g.FullName,
        _ => value.GetType().Name,
    };

    private CheckpointFormatException Unsupported(byte opcode, int offset) =>
        Corrupt(offset, $"unsupported pickle opcode 0x{opcode:x2}" + (opcode is >= 0x20 and < 0x7f ? $" ('{(char)opcode}')" : string.Empty));

    private CheckpointFormatException Corrupt(int offset, string problem) => new(path, $"data.pkl offset {offset}: {problem}");
}
