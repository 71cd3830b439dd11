using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>Elementwise math, comparisons and C# operators (all broadcasting as in PyTorch).</summary>
public sealed partial class Tensor
{
    private enum Unary
    {
        Neg = 0, Abs, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Sigmoid, Tanh, Relu, Silu, Gelu, GeluTanh, Floor, Ceil, Round,
        Sign, Erf, LogicalNot, Square, Reciprocal, Log1p, Expm1, IsNan, Trunc,
    }

    private enum Binary
    {
        Add = 0, Sub, Mul, Div, Pow, Eq, Ne, Lt, Le, Gt, Ge, Maximum, Minimum, LogicalAnd, LogicalOr, Remainder,
        FloorDivide, Atan2,
    }

    private Tensor U(Unary op) => From(NativeMethods.vp_unary((int)op, Handle, out var r), r);

    private Tensor UInPlace(Unary op)
    {
        NativeMethods.Check(NativeMethods.vp_unary_((int)op, Handle));
        return this;
    }

    private Tensor B(Binary op, Tensor other) => From(NativeMethods.vp_binary((int)op, Handle, other.Handle, out var r), r);

    private Tensor B(Binary op, double other) => From(NativeMethods.vp_binary_scalar((int)op, Handle, other, out var r), r);

    private Tensor BInPlace(Binary op, Tensor other)
    {
        NativeMethods.Check(NativeMethods.vp_binary_((int)op, Handle, other.Handle));
        return this;
    }

    private Tensor BInPlace(Binary op, double other)
    {
        NativeMethods.Check(NativeMethods.vp_binary_scalar_((int)op, Handle, other));
        return this;
    }

    public Tensor Neg() => U(Unary.Neg);
    public Tensor Abs() => U(Unary.Abs);
    public Tensor Exp() => U(Unary.Exp);
    public Tensor Log() => U(Unary.Log);
    public Tensor Sqrt() => U(Unary.Sqrt);
    public Tensor Rsqrt() => U(Unary.Rsqrt);
    public Tensor Sin() => U(Unary.Sin);
    public Tensor Cos() => U(Unary.Cos);
    public Tensor Sigmoid() => U(Unary.Sigmoid);
    public Tensor Tanh() => U(Unary.Tanh);
    public Tensor Relu() => U(Unary.Relu);
    public Tensor Silu() => U(Unary.Silu);

    /// <summary>GELU; <paramref name="tanhApproximation"/> selects torch's approximate="tanh".</summary>
    public Tensor Gelu(bool tanhApproximation = false) => U(tanhApproximation ? Unary.GeluTanh : Unary.Gelu);

    public Tensor LeakyRelu(double negativeSlope = 0.01) => From(NativeMethods.vp_leaky_relu(Handle, negativeSlope, out var r), r);
    public Tensor Floor() => U(Unary.Floor);
    public Tensor Ceil() => U(Unary.Ceil);
    public Tensor Round() => U(Unary.Round);
    public Tensor Trunc() => U(Unary.Trunc);
    public Tensor Sign() => U(Unary.Sign);
    public Tensor Erf() => U(Unary.Erf);
    public Tensor LogicalNot() => U(Unary.LogicalNot);
    public Tensor Square() => U(Unary.Square);
    public Tensor Reciprocal() => U(Unary.Reciprocal);
    public Tensor Log1p() => U(Unary.Log1p);
    public Tensor Expm1() => U(Unary.Expm1);
    public Tensor IsNan() => U(Unary.IsNan);

    public Tensor NegInPlace() => UInPlace(Unary.Neg);
    public Tensor ExpInPlace() => UInPlace(Unary.Exp);
    public Tensor SqrtInPlace() => UInPlace(Unary.Sqrt);
    public Tensor SigmoidInPlace() => UInPlace(Unary.Sigmoid);
    public Tensor TanhInPlace() => UInPlace(Unary.Tanh);
    public Tensor ReluInPlace() => UInPlace(Unary.Relu);
    public Tensor SiluInPlace() => UInPlace(Unary.Silu);

    public Tensor Add(Tensor other) => B(Binary.Add, other);
    public Tensor Add(double other) => B(Binary.Add, other);
    public Tensor Sub(Tensor other) => B(Binary.Sub, other);
    public Tensor Sub(double other) => B(Binary.Sub, other);
    public Tensor Mul(Tensor other) => B(Binary.Mul, other);
    public Tensor Mul(double other) => B(Binary.Mul, other);
    public Tensor Div(Tensor other) => B(Binary.Div, other);
    public Tensor Div(double other) => B(Binary.Div, other);
    public Tensor Pow(Tensor exponent) => B(Binary.Pow, exponent);
    public Tensor Pow(double exponent) => B(Binary.Pow, exponent);
    public Tensor Remainder(Tensor other) => B(Binary.Remainder, other);
    public Tensor Remainder(double other) => B(Binary.Remainder, other);
    public Tensor FloorDivide(Tensor other) => B(Binary.FloorDivide, other);
    public Tensor FloorDivide(double other) => B(Binary.FloorDivide, other);
    public Tensor Maximum(Tensor other) => B(Binary.Maximum, other);
    public Tensor Minimum(Tensor other) => B(Binary.Minimum, other);
    public Tensor Atan2(Tensor other) => B(Binary.Atan2, other);
    public Tensor LogicalAnd(Tensor other) => B(Binary.LogicalAnd, other);
    public Tensor LogicalOr(Tensor other) => B(Binary.LogicalOr, other);

    /// <summary>In-place add: this += other (other broadcast to this tensor's shape).</summary>
    public Tensor AddInPlace(Tensor other) => BInPlace(Binary.Add, other);
    public Tensor AddInPlace(double other) => BInPlace(Binary.Add, other);
    public Tensor SubInPlace(Tensor other) => BInPlace(Binary.Sub, other);
    public Tensor SubInPlace(double other) => BInPlace(Binary.Sub, other);
    public Tensor MulInPlace(Tensor other) => BInPlace(Binary.Mul, other);
    public Tensor MulInPlace(double other) => BInPlace(Binary.Mul, other);
    public Tensor DivInPlace(Tensor other) => BInPlace(Binary.Div, other);
    public Tensor DivInPlace(double other) => BInPlace(Binary.Div, other);

    public Tensor Eq(Tensor other) => B(Binary.Eq, other);
    public Tensor Eq(double other) => B(Binary.Eq, other);
    public Tensor Ne(Tensor other) => B(Binary.Ne, other);
    public Tensor Ne(double other) => B(Binary.Ne, other);
    public Tensor Lt(Tensor other) => B(Binary.Lt, other);
    public Tensor Lt(double other) => B(Binary.Lt, other);
    public Tensor Le(Tensor other) => B(Binary.Le, other);
    public Tensor Le(double other) => B(Binary.Le, other);
    public Tensor Gt(Tensor other) => B(Binary.Gt, other);
    public Tensor Gt(double other) => B(Binary.Gt, other);
    public Tensor Ge(Tensor other) => B(Binary.Ge, other);
    public Tensor Ge(double other) => B(Binary.Ge, other);

    public Tensor Clamp(double? min = null, double? max = null) =>
        From(NativeMethods.vp_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, out var r), r);

    /// <summary>Elementwise <c>condition ? a : b</c>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) =>
        From(NativeMethods.vp_where(condition.Handle, a.Handle, b.Handle, out var r), r);

    public Tensor MaskedFill(Tensor mask, double value) => From(NativeMethods.vp_masked_fill(Handle, mask.Handle, value, out var r), r);

    /// <summary>this + value * a * b.</summary>
    public Tensor AddCMul(Tensor a, Tensor b, double value = 1) =>
        From(NativeMethods.vp_addcmul(Handle, a.Handle, b.Handle, value, out var r), r);

    /// <summary>this + weight * (end - this).</summary>
    public Tensor Lerp(Tensor end, double weight) => From(NativeMethods.vp_lerp(Handle, end.Handle, weight, out var r), r);

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator +(Tensor a, double b) => a.Add(b);
    public static Tensor operator +(double a, Tensor b) => b.Add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator -(Tensor a, double b) => a.Sub(b);
    public static Tensor operator -(double a, Tensor b) => From(NativeMethods.vp_rsub_scalar(a, b.Handle, out var r), r);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator *(Tensor a, double b) => a.Mul(b);
    public static Tensor operator *(double a, Tensor b) => b.Mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator /(Tensor a, double b) => a.Div(b);
    public static Tensor operator /(double a, Tensor b)
    {
        using var r = b.Reciprocal();
        return r.Mul(a);
    }

    public static Tensor operator -(Tensor a) => a.Neg();
    public static Tensor operator <(Tensor a, Tensor b) => a.Lt(b);
    public static Tensor operator >(Tensor a, Tensor b) => a.Gt(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.Le(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.Ge(b);
    public static Tensor operator <(Tensor a, double b) => a.Lt(b);
    public static Tensor operator >(Tensor a, double b) => a.Gt(b);
    public static Tensor operator <=(Tensor a, double b) => a.Le(b);
    public static Tensor operator >=(Tensor a, double b) => a.Ge(b);
}
