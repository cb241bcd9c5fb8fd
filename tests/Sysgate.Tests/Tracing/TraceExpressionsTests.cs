using Sysgate.Native;
using Sysgate.Tracing;

namespace Sysgate.Tests.Tracing;

public class TraceExpressionsTests
{
    private const int Read = 0, Write = 1, Close = 3, Openat = 257, Socket = 41;

    private static (TraceFilter Filter, IReadOnlyList<InjectRule> Injections) Parse(params string[] exprs)
        => TraceExpressions.Parse(exprs, Arch.X86_64);

    [Fact]
    public void Default_traces_everything_with_every_status()
    {
        var (f, inj) = Parse();
        Assert.True(f.Traces(Read) && f.Traces(Openat) && f.Traces(Socket));
        Assert.Equal(CallStatus.All, f.Status);
        Assert.Empty(inj);
    }

    [Fact]
    public void Trace_sets_names_classes_negation_and_bare_form()
    {
        var (f, _) = Parse("trace=openat,read");
        Assert.True(f.Traces(Openat) && f.Traces(Read));
        Assert.False(f.Traces(Close));

        (f, _) = Parse("openat");
        Assert.True(f.Traces(Openat));
        Assert.False(f.Traces(Read));

        (f, _) = Parse("trace=%network");
        Assert.True(f.Traces(Socket));
        Assert.False(f.Traces(Openat));

        (f, _) = Parse("trace=!close");
        Assert.False(f.Traces(Close));
        Assert.True(f.Traces(Read));

        (f, _) = Parse("trace=read", "trace=write"); // several trace= add up
        Assert.True(f.Traces(Read) && f.Traces(Write));
    }

    [Fact]
    public void Status_lists()
    {
        Assert.Equal(CallStatus.Failed, Parse("status=failed").Filter.Status);
        Assert.Equal(CallStatus.Successful, Parse("status=successful").Filter.Status);
        Assert.Equal(CallStatus.Successful | CallStatus.Unfinished, Parse("status=!failed").Filter.Status);
        Assert.True(Parse("status=failed").Filter.Shows(CallStatus.Failed));
        Assert.False(Parse("status=failed").Filter.Shows(CallStatus.Successful));
    }

    [Fact]
    public void Inject_error_by_name_and_number_and_retval()
    {
        var rule = Parse("inject=openat:error=EACCES").Injections.Single();
        Assert.True(rule.Covers(Openat));
        Assert.False(rule.Covers(Read));
        Assert.Equal(-13, rule.Result);
        Assert.True(rule.AppliesTo(1) && rule.AppliesTo(7)); // default: every call

        Assert.Equal(-5, Parse("inject=read:error=5").Injections.Single().Result);
        Assert.Equal(42, Parse("inject=read,write:retval=42").Injections.Single().Result);
        Assert.True(Parse("inject=read,write:retval=42").Injections.Single().Covers(Write));
    }

    [Theory]
    [InlineData("3", new[] { 3 }, new[] { 1, 2, 4, 5 })]
    [InlineData("2+", new[] { 2, 3, 4, 100 }, new[] { 1 })]
    [InlineData("2+3", new[] { 2, 5, 8, 11 }, new[] { 1, 3, 4, 6, 7 })]
    [InlineData("1+2", new[] { 1, 3, 5 }, new[] { 2, 4 })]
    public void When_follows_strace(string when, int[] injected, int[] untouched)
    {
        var rule = Parse($"inject=openat:error=EIO:when={when}").Injections.Single();
        Assert.All(injected, k => Assert.True(rule.AppliesTo(k), $"call {k}"));
        Assert.All(untouched, k => Assert.False(rule.AppliesTo(k), $"call {k}"));
    }

    [Theory]
    [InlineData("trace=nosuchcall")]
    [InlineData("inject=openat")]
    [InlineData("inject=openat:error=ENOTANERRNO")]
    [InlineData("inject=openat:error=EIO:retval=1")]
    [InlineData("inject=openat:error=EIO:when=0")]
    [InlineData("inject=openat:error=EIO:when=x")]
    [InlineData("inject=openat:error=EIO:when=2+0")]
    [InlineData("inject=openat:signal=SIGSEGV")]
    [InlineData("inject=:error=EIO")]
    [InlineData("inject=nosuch:error=EIO")]
    [InlineData("status=sometimes")]
    [InlineData("verbose=all")]
    public void Bad_expressions_are_one_clear_error(string expr)
    {
        var e = Assert.Throws<FormatException>(() => Parse(expr));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.DoesNotContain('\n', e.Message);
    }
}
