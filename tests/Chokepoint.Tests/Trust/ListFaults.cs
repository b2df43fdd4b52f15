using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Trust;

/// <summary>Damaged copies of the real publisher files, made the way downloads and disks damage them: cut at a row
/// boundary (the cut a parser cannot see) or inside a row, a tenth or half of the entries, companions empty, missing
/// or replaced by an HTML page, dated ahead, parts that inflate without end.</summary>
internal static class ListFaults
{
    /// <summary>The first <paramref name="fraction"/> of a CSV's rows, cut exactly after a row (quotes respected),
    /// with the Ctrl-Z end byte put back when <paramref name="marker"/>: a file that parses cleanly.</summary>
    public static byte[] RowBoundaryCut(string file, double fraction, bool marker = false)
    {
        var bytes = File.ReadAllBytes(file);
        var ends = new List<int>();
        var quoted = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '"') quoted = !quoted;
            else if (bytes[i] == '\n' && !quoted) ends.Add(i + 1);
        }
        var keep = ends[(int)(ends.Count * fraction)];
        var cut = bytes[..keep];
        return marker ? [.. cut, 0x1A] : cut;
    }

    /// <summary>The UN list with only the first <paramref name="fraction"/> of its individuals and entities: well-formed XML.</summary>
    public static string UnShare(double fraction)
    {
        var doc = XDocument.Load(TestData.File(TestData.Un));
        foreach (var group in new[] { "INDIVIDUALS", "ENTITIES" })
        {
            var records = doc.Root!.Element(group)!.Elements().ToList();
            foreach (var r in records.Skip((int)(records.Count * fraction))) r.Remove();
        }
        return doc.ToString();
    }

    /// <summary>The UN list with its dateGenerated replaced (null: removed).</summary>
    public static string UnDated(string? dateGenerated)
    {
        var doc = XDocument.Load(TestData.File(TestData.Un));
        doc.Root!.SetAttributeValue("dateGenerated", dateGenerated);
        return doc.ToString();
    }

    /// <summary>The UN list with one remark of <paramref name="megabytes"/> MB: a text node no list has.</summary>
    public static void UnWithHugeText(string target, int megabytes)
    {
        var xml = File.ReadAllText(TestData.File(TestData.Un));
        var at = xml.IndexOf("<COMMENTS1>", StringComparison.Ordinal) + "<COMMENTS1>".Length;
        using var w = new StreamWriter(target, false, new UTF8Encoding(false));
        w.Write(xml.AsSpan(0, at));
        var block = new string('A', 1 << 20);
        for (var i = 0; i < megabytes; i++) w.Write(block);
        w.Write(xml.AsSpan(at));
    }

    /// <summary>The real OFSI workbook with a shared string of <paramref name="megabytes"/> MB: a few MB on disk
    /// (it compresses to almost nothing), gigabytes in memory if read whole.</summary>
    public static void OfsiWithHugeSharedString(string target, int megabytes)
    {
        File.Copy(TestData.File(TestData.OfsiXlsx), target, true);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Update);
        var entry = zip.GetEntry("xl/sharedStrings.xml")!;
        string xml;
        using (var r = new StreamReader(entry.Open())) xml = r.ReadToEnd();
        entry.Delete();
        var at = xml.IndexOf("<si>", StringComparison.Ordinal);
        using var w = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        w.Write(xml.AsSpan(0, at));
        w.Write("<si><t>");
        var block = new string('A', 1 << 20);
        for (var i = 0; i < megabytes; i++) w.Write(block);
        w.Write("</t></si>");
        w.Write(xml.AsSpan(at));
    }

    /// <summary>A copy of the complete 2021 OFAC SDN set with one companion changed: "empty", "html" or "missing".</summary>
    public static string SdnSetWith(Scratch scratch, string companion, string damage)
    {
        var dir = scratch.Path($"sdn-{companion}-{damage}");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(TestData.File(TestData.Sdn2021))!))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var target = Path.Combine(dir, companion);
        switch (damage)
        {
            case "empty": File.WriteAllBytes(target, []); break;
            case "html": File.WriteAllText(target, "<!DOCTYPE html><html><body>503 Service Unavailable</body></html>"); break;
            case "missing": File.Delete(target); break;
            default: throw new ArgumentException(damage);
        }
        return Path.Combine(dir, "sdn.csv");
    }
}
