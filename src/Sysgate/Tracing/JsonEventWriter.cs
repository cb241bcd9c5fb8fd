using System.Buffers;
using System.Text;
using System.Text.Json;
using Sysgate.Syscalls;

namespace Sysgate.Tracing;

/// <summary>
/// --json: one object per line and event, written by hand with <see cref="Utf8JsonWriter"/> (no reflection,
/// NativeAOT-clean). Kinds: <c>syscall</c> (pid, syscall, nr, args: raw numbers, text: the decoded call,
/// result, errno, injected, time, duration), <c>signal</c>, <c>exit</c> (code) and <c>killed</c> (signal).
/// </summary>
internal sealed class JsonEventWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private char[] _chars = new char[1024];

    public JsonEventWriter() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
    {
        SkipValidation = true,
        // Decoded calls are full of quotes and backslashes: keep them readable (\" rather than \u0022).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public void WriteCall(TraceSink sink, int pid, SyscallInfo? info, int number, ReadOnlySpan<ulong> args, StringBuilder text,
        long result, bool finished, bool injected, double time, double? duration)
    {
        Begin("syscall", pid, time);
        _json.WriteString("syscall", info?.Name ?? $"syscall_{number}");
        _json.WriteNumber("nr", number);
        _json.WriteStartArray("args");
        int count = info?.Args.Count ?? 6;
        for (int i = 0; i < count && i < args.Length; i++) _json.WriteNumberValue(args[i]);
        _json.WriteEndArray();
        _json.WriteString("text", Chars(text));
        if (!finished) _json.WriteNull("result");
        else if (result < 0 && result >= -4095)
        {
            _json.WriteNumber("result", -1);
            _json.WriteString("errno", ErrnoNames.Name((int)-result) ?? ((int)-result).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else _json.WriteNumber("result", result);
        if (injected) _json.WriteBoolean("injected", true);
        if (duration is double d) _json.WriteNumber("duration", Math.Round(d, 6));
        End(sink);
    }

    public void WriteSignal(TraceSink sink, int pid, StringBuilder text, double time)
    {
        Begin("signal", pid, time);
        int space = IndexOf(text, ' ');
        _json.WriteString("signal", Chars(text)[..(space < 0 ? text.Length : space)]);
        _json.WriteString("text", Chars(text));
        End(sink);
    }

    public void WriteExit(TraceSink sink, int pid, int? code, string? signal, bool coreDumped, double time)
    {
        Begin(code is null ? "killed" : "exit", pid, time);
        if (code is int c) _json.WriteNumber("code", c);
        else
        {
            _json.WriteString("signal", signal);
            if (coreDumped) _json.WriteBoolean("core_dumped", true);
        }
        End(sink);
    }

    private void Begin(string kind, int pid, double time)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("type", kind);
        _json.WriteNumber("pid", pid);
        _json.WriteNumber("time", Math.Round(time, 6));
    }

    private void End(TraceSink sink)
    {
        _json.WriteEndObject();
        _json.Flush();
        sink.WriteBytes(_buffer.WrittenSpan);
        sink.WriteBytes("\n"u8);
    }

    private ReadOnlySpan<char> Chars(StringBuilder sb)
    {
        if (_chars.Length < sb.Length) _chars = new char[Math.Max(sb.Length, _chars.Length * 2)];
        sb.CopyTo(0, _chars, sb.Length);
        return _chars.AsSpan(0, sb.Length);
    }

    private static int IndexOf(StringBuilder sb, char c)
    {
        for (int i = 0; i < sb.Length; i++)
            if (sb[i] == c) return i;
        return -1;
    }
}
