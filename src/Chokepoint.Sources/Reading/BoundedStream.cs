namespace Chokepoint.Sources.Reading;

/// <summary>
/// A read-only stream that refuses to go on past a limit: in all, and within a window since the last
/// <see cref="Mark"/> (one XML record, one shared string). A hostile file (a 400 MB text node, a ZIP part that inflates
/// without end) then fails after a bounded amount of memory and time, never after the machine ran out of either.
/// </summary>
internal sealed class BoundedStream(Stream inner, long total, long window) : Stream
{
    private long _read;
    private long _mark;

    /// <summary>Starts a new window at the current position.</summary>
    public void Mark() => _mark = _read;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    private int Count(int n)
    {
        _read += n;
        if (_read > total) throw new InputTooLargeException($"more than {total:N0} bytes");
        if (_read - _mark > window) throw new InputTooLargeException($"a single record or text of more than {window:N0} bytes");
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A file holds more than a list ever needs in one place: refused, with the file named by the caller.</summary>
internal sealed class InputTooLargeException(string what) : IOException(what);

/// <summary>The limits every reader applies while reading.</summary>
internal static class ReadLimits
{
    /// <summary>One record (an XML entry, a worksheet row) is a few kilobytes; sixteen megabytes is no real one.</summary>
    public const long RecordBytes = 16L << 20;

    /// <summary>One part of a workbook, inflated: the real OFSI sheet is 13 MB.</summary>
    public const long PartBytes = 256L << 20;

    /// <summary>One cell's text: a name, an address or remarks; never a book.</summary>
    public const int CellChars = 64 * 1024;
}
