using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Sources;

/// <summary>
/// Random damage to real files (seeded, so a failure reproduces): flipped, deleted and inserted bytes. Whatever the
/// damage, a reader either reads the file or throws <see cref="ListFormatException"/>; any other exception
/// (IndexOutOfRange, NullReference, a raw XmlException ...) is a bug that would reach the user as a stack trace.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int Rounds = 100;

    [Theory]
    [MemberData(nameof(BadInputTests.RealFiles), MemberType = typeof(BadInputTests))]
    public void Damaged_files_fail_only_with_a_list_format_error(string file, string format)
    {
        using var scratch = new Scratch();
        var original = Sample(TestData.File(file));
        // string.GetHashCode differs per process; a seed from the name's characters reproduces across runs.
        var random = new Random(file.Aggregate(20261130, (h, c) => unchecked(h * 31 + c)));
        var reader = ListReaders.ByFormat(format);
        for (var round = 0; round < Rounds; round++)
        {
            var bytes = Damage(original, random);
            var path = scratch.Write($"{round}/{Path.GetFileName(file)}", bytes);
            try
            {
                _ = reader.Read(reader.Resolve(path), new ReadReport(), CancellationToken.None).Count();
            }
            catch (ListFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"round {round} of {file}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
    }

    /// <summary>Large text files are cut to their first 300 lines, so forty rounds stay quick.</summary>
    private static byte[] Sample(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 300_000 || bytes[0] == 'P') return bytes;
        var lines = 0;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == '\n' && ++lines == 300) return bytes[..(i + 1)];
        return bytes;
    }

    private static byte[] Damage(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var n = random.Next(1, 6); n > 0 && bytes.Count > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at)); break;
                default: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256))); break;
            }
        }
        return bytes.ToArray();
    }
}
