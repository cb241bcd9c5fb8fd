using System.Text;

namespace Sysgate.Tracing;

/// <summary>
/// One trace output (stderr, -o FILE, or one FILE.PID of -ff) behind a byte buffer, plus the strace
/// line state: which tracee's line is open (its entry written, the result not yet), and at which column.
/// </summary>
internal sealed class TraceSink : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    // Uninitialized: a short trace writes into the first page only, so the other 15 are never zeroed or faulted in.
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(64 * 1024);
    private int _used;

    public TraceSink(Stream stream, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
    }

    /// <summary>The tracee whose line is open, or null when the last line is complete.</summary>
    public object? OpenOwner { get; set; }

    /// <summary>Characters on the open line so far (for strace's alignment of " = " at column 40).</summary>
    public int Column { get; set; }

    public void Write(StringBuilder sb)
    {
        foreach (var chunk in sb.GetChunks()) Write(chunk.Span);
    }

    public void Write(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            // Worst case 3 bytes per UTF-16 unit; decoded strings are escaped ASCII almost always.
            if (_buffer.Length - _used < 3 * Math.Min(text.Length, 1024)) Flush();
            int take = Math.Min(text.Length, 1024);
            if (take < text.Length && char.IsHighSurrogate(text[take - 1])) take--;
            _used += Encoding.UTF8.GetBytes(text[..take], _buffer.AsSpan(_used));
            text = text[take..];
        }
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _used < bytes.Length) Flush();
        if (bytes.Length > _buffer.Length) { _stream.Write(bytes); return; }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void Flush()
    {
        if (_used == 0) return;
        try
        {
            _stream.Write(_buffer, 0, _used);
            _stream.Flush();
        }
        catch (IOException)
        {
            // A closed stderr or a full disk must not take the tracee down with us.
        }
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        if (_ownsStream) _stream.Dispose();
    }
}
