namespace VideoPipe.Torch;

/// <summary>
/// Collects every tensor created on this thread while the scope is innermost and disposes them when the
/// scope ends, so a forward pass frees its temporaries deterministically. <see cref="Keep"/> moves a result
/// out to the enclosing scope (or out of scope management when there is none). Scopes are per thread: keep
/// awaits out of them.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly List<Tensor> owned = new();
    private bool disposed;

    private DisposeScope(DisposeScope? outer) => this.outer = outer;

    public static DisposeScope? Current => current;

    public static DisposeScope Enter()
    {
        var scope = new DisposeScope(current);
        current = scope;
        return scope;
    }

    /// <summary>Number of tensors this scope will dispose (for tests and diagnostics).</summary>
    public int Count => owned.Count(t => ReferenceEquals(t.Scope, this) && !t.IsDisposed);

    internal static void Register(Tensor tensor)
    {
        var scope = current;
        while (scope is not null && scope.disposed)
        {
            scope = scope.outer; // an outer scope was disposed before this inner one
        }

        if (scope is not null)
        {
            tensor.Scope = scope;
            scope.owned.Add(tensor);
        }
    }

    private bool IsOnCurrentChain()
    {
        for (var s = current; s is not null; s = s.outer)
        {
            if (ReferenceEquals(s, this))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves <paramref name="tensor"/> to the enclosing scope so it outlives this one.</summary>
    public Tensor Keep(Tensor tensor)
    {
        if (ReferenceEquals(tensor.Scope, this))
        {
            tensor.Scope = outer;
            outer?.owned.Add(tensor);
        }

        return tensor;
    }

    /// <summary>Takes <paramref name="tensor"/> out of scope management entirely (its owner disposes it).</summary>
    public static Tensor Detach(Tensor tensor)
    {
        tensor.Scope = null;
        return tensor;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (IsOnCurrentChain())
        {
            current = outer; // also unwinds inner scopes left undisposed, which must not collect tensors any more
        }

        foreach (var t in owned)
        {
            if (ReferenceEquals(t.Scope, this))
            {
                t.Dispose();
            }
        }

        owned.Clear();
    }
}
