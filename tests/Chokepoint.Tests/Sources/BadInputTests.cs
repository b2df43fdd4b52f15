using System.Text;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Sources;

/// <summary>Garbage, truncation, wrong encodings and oversize input: every reader gives a clear error naming the
/// file and, where it can, the line; none returns a silent partial result.</summary>
public sealed class BadInputTests
{
    public static readonly TheoryData<string, string> RealFiles = new()
    {
        { TestData.Sdn2021, "ofac-csv" }, { TestData.ConsXml, "ofac-xml" }, { TestData.ConsEnhanced, "ofac-enhanced" },
        { TestData.Csl, "us-csl" }, { TestData.Un, "un-xml" }, { TestData.OfsiXlsx, "uk-ofsi" }, { TestData.OfsiCsv, "uk-ofsi" },
        { TestData.EuFsf, "eu-fsf" }, { TestData.FtmZala, "ftm" }, { TestData.Targets, "os-targets-csv" }, { TestData.Sema, "ca-sema" },
        { TestData.Mofcom, "cn-mofcom-csv" },
    };

    private static List<Chokepoint.Core.Listings.ListedEntity> Read(string path, string format)
    {
        var reader = ListReaders.ByFormat(format);
        return reader.Read(reader.Resolve(path), new ReadReport(), CancellationToken.None).ToList();
    }

    /// <remarks>A CSV without an end marker that is cut inside the last cell of a row looks complete (the legacy OFSI
    /// file cut at 83% ends "...,31/05/2013,1206", a shorter Group ID): no reader can see that. OFAC's Ctrl-Z marker is
    /// checked, and for the rest the update guard compares counts with the last good snapshot.</remarks>
    [Theory]
    [MemberData(nameof(RealFiles))]
    public void A_truncated_file_fails_with_its_name(string file, string format)
    {
        using var scratch = new Scratch();
        foreach (var fraction in new[] { 0.37, 0.5 })
        {
            var cut = scratch.Truncated($"{fraction}/{Path.GetFileName(file)}", TestData.File(file), fraction);
            var e = Assert.Throws<ListFormatException>(() => Read(cut, format));
            Assert.Contains(Path.GetFileName(file), e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Garbage_empty_and_html_are_not_taken_for_any_format(string file, string format)
    {
        using var scratch = new Scratch();
        var name = Path.GetFileName(file);
        var random = new byte[50_000];
        new Random(42).NextBytes(random);
        foreach (var bytes in new[] { random, [], Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>503 Service Unavailable</body></html>") })
        {
            var path = scratch.Write($"{bytes.Length}/{name}", bytes);
            var detect = Assert.Throws<ListFormatException>(() => ListReaders.Detect(path));
            Assert.Contains(name, detect.Message);
            if (bytes.Length > 0) Assert.Throws<ListFormatException>(() => Read(path, format));
            else
            {
                // Read directly, an empty file is an error or nothing; the importer refuses both (see below).
                try { Assert.Empty(Read(path, format)); } catch (ListFormatException e) { Assert.Contains(name, e.Message); }
            }
        }
    }

    [Theory]
    [InlineData(TestData.Csl, "us-csl")]
    [InlineData(TestData.Targets, "os-targets-csv")]
    [InlineData(TestData.Un, "un-xml")]
    [InlineData(TestData.FtmZala, "ftm")]
    [InlineData(TestData.Sdn2021, "ofac-csv")]
    [InlineData(TestData.Mofcom, "cn-mofcom-csv")]
    public void Bytes_that_are_not_utf8_fail_at_their_line(string file, string format)
    {
        using var scratch = new Scratch();
        var bytes = File.ReadAllBytes(TestData.File(file));
        var at = Array.IndexOf(bytes, (byte)'\n', bytes.Length / 2) + 3;
        bytes[at] = 0xFF; // never valid in UTF-8
        var path = scratch.Write(Path.GetFileName(file), bytes);
        var e = Assert.Throws<ListFormatException>(() => Read(path, format));
        var line = bytes.AsSpan(0, at).Count((byte)'\n') + 1;
        Assert.Matches($@"\(line {line}\b", e.Message);
    }

    [Fact]
    public void Prose_that_quotes_a_tag_is_not_taken_for_xml()
    {
        using var scratch = new Scratch();
        var notes = scratch.Write("SOURCES.md", "Schema of the EU list XML (namespace http://eu.europa.ec/fpi/fsd/export): <export generationDate> ...");
        Assert.Throws<ListFormatException>(() => ListReaders.Detect(notes));
    }

    [Fact]
    public void A_utf16_file_is_not_read_as_a_list()
    {
        using var scratch = new Scratch();
        var text = File.ReadAllText(TestData.File(TestData.Csl));
        var path = scratch.Write("consolidated.csv", Encoding.Unicode.GetBytes(text[..20_000]));
        Assert.Throws<ListFormatException>(() => ListReaders.Detect(path));
    }

    [Fact]
    public void Missing_columns_are_named()
    {
        using var scratch = new Scratch();
        var lines = File.ReadLines(TestData.File(TestData.Csl)).Take(50).ToList();
        lines[0] = lines[0].Replace("_id,source,", "_id,list_source,", StringComparison.Ordinal);
        var path = scratch.Write("consolidated.csv", string.Join("\n", lines));
        var e = Assert.Throws<ListFormatException>(() => Read(path, "us-csl"));
        Assert.Contains("missing column(s) source", e.Message);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void A_row_of_the_wrong_width_fails_at_its_line()
    {
        using var scratch = new Scratch();
        var lines = File.ReadLines(TestData.File(TestData.Sdn2021)).Take(100).ToList();
        lines[41] = "12345,\"ONLY A NAME\"";
        var path = scratch.Write("sdn.csv", string.Join("\r\n", lines));
        var e = Assert.Throws<ListFormatException>(() => Read(path, "ofac-csv"));
        Assert.Contains("line 42", e.Message);
        Assert.Contains("expected 12 columns, found 2", e.Message);
    }

    [Fact]
    public async Task Oversize_input_is_refused_before_reading()
    {
        using var scratch = new Scratch();
        await using var store = await Chokepoint.Storage.SnapshotStores.OpenAsync(scratch.Path("t.db"), CancellationToken.None);
        var importer = new SnapshotImporter(store, TimeProvider.System);
        var e = await Assert.ThrowsAsync<ListFormatException>(() =>
            importer.ImportAsync(TestData.File(TestData.Un), new ImportOptions { MaxFileBytes = 1_000_000 }, null, CancellationToken.None));
        Assert.Contains("above the 1,000,000-byte limit", e.Message);
        // A single 2 MB cell is garbage, not a name.
        var huge = scratch.Write("sdn.csv", "1,\"" + new string('A', 2_000_000) + "\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
        var field = Assert.Throws<ListFormatException>(() => Read(huge, "ofac-csv"));
        Assert.Contains("longer than", field.Message);
    }

    [Fact]
    public async Task A_well_formed_list_with_no_entries_is_refused_not_imported()
    {
        using var scratch = new Scratch();
        await using var store = await Chokepoint.Storage.SnapshotStores.OpenAsync(scratch.Path("t.db"), CancellationToken.None);
        var importer = new SnapshotImporter(store, TimeProvider.System);
        var empty = scratch.Write("consolidated.xml", "<?xml version=\"1.0\"?><CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09Z\"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>");
        var e = await Assert.ThrowsAsync<ImportRefusedException>(() => importer.ImportAsync(empty, new ImportOptions(), null, CancellationToken.None));
        Assert.Contains("no entries", e.Message);
        Assert.Empty(await store.ListAsync(false, CancellationToken.None));
    }

    [Fact]
    public void An_xml_bomb_is_refused()
    {
        using var scratch = new Scratch();
        var bomb = scratch.Write("consolidated.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&lol2;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
            """);
        var e = Assert.Throws<ListFormatException>(() => Read(bomb, "un-xml"));
        Assert.Contains("DTD", e.Message);
    }

    [Fact]
    public void A_record_without_a_name_or_id_is_an_error_not_a_silent_drop()
    {
        using var scratch = new Scratch();
        var path = scratch.Write("consolidated.xml", """
            <?xml version="1.0"?>
            <CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09Z"><INDIVIDUALS>
            <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>
            <INDIVIDUAL><DATAID>2</DATAID></INDIVIDUAL>
            </INDIVIDUALS></CONSOLIDATED_LIST>
            """);
        var e = Assert.Throws<ListFormatException>(() => Read(path, "un-xml"));
        Assert.Contains("record 2 has no name", e.Message);
        Assert.Contains("line 4", e.Message);
    }
}
