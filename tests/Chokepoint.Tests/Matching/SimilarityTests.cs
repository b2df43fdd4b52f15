using Chokepoint.Matching.Scoring;

namespace Chokepoint.Tests.Matching;

public sealed class SimilarityTests
{
    [Theory]
    [InlineData("putin", "putin", 1.0)]
    [InlineData("putin", "putn", 0.8)]
    [InlineData("kitten", "sitting", 1 - 3 / 7.0)]
    [InlineData("", "", 1.0)]
    [InlineData("abc", "", 0.0)]
    [InlineData("ростех", "ростек", 1 - 1 / 6.0)]
    public void Edit_ratio_of_known_pairs(string a, string b, double expected) =>
        Assert.Equal(expected, Similarity.Levenshtein(a, b), 9);

    /// <summary>The bit-parallel distance against the textbook table, on random strings around the 64-character word
    /// boundary, with non-ASCII letters, repeated letters and either side longer.</summary>
    [Fact]
    public void Edit_ratio_agrees_with_the_table_on_random_strings()
    {
        var random = new Random(7);
        const string alphabet = "aabcdeéжж习 -";
        for (var n = 0; n < 5000; n++)
        {
            var a = Word(random, random.Next(0, n % 10 == 0 ? 80 : 20));
            var b = random.Next(3) == 0 ? Mutate(random, a) : Word(random, random.Next(0, n % 10 == 0 ? 80 : 20));
            var expected = a.Length == 0 && b.Length == 0 ? 1 : 1 - (double)Table(a, b) / Math.Max(a.Length, b.Length);
            Assert.True(Math.Abs(expected - Similarity.Levenshtein(a, b)) < 1e-12, $"'{a}' / '{b}'");
        }

        static string Word(Random r, int length) => new([.. Enumerable.Range(0, length).Select(_ => alphabet[r.Next(alphabet.Length)])]);
        static string Mutate(Random r, string s)
        {
            var chars = s.ToList();
            for (var k = r.Next(1, 4); k > 0; k--)
            {
                var at = r.Next(chars.Count + 1);
                switch (r.Next(3))
                {
                    case 0: chars.Insert(at, alphabet[r.Next(alphabet.Length)]); break;
                    case 1 when at < chars.Count: chars.RemoveAt(at); break;
                    default: if (at < chars.Count) chars[at] = alphabet[r.Next(alphabet.Length)]; break;
                }
            }
            return new string([.. chars]);
        }
    }

    private static int Table(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
