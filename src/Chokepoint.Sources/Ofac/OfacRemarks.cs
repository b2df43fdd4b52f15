using System.Text.RegularExpressions;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Sources.Ofac;

/// <summary>
/// OFAC's legacy files pack most facts into the free-text Remarks field, one fact per "; "-separated segment:
/// <c>DOB 09 Feb 1951; POB Gaza, Egypt; Passport 92/664 (Egypt); a.k.a. 'ABU-'UMAR'.</c>
/// This pulls out birth dates and places, nationalities, identifiers (with their country in brackets), weak aliases
/// (quoted a.k.a.s in remarks are OFAC's "weak" aliases) and labelled facts. The whole text is kept as the remark too.
/// </summary>
internal static partial class OfacRemarks
{
    // Labels OFAC uses for identifying numbers in sdn.csv and cons_prim.csv (2021-2025), longest first so that
    // "National ID No." wins over "National".
    private static readonly string[] IdentifierLabels =
    [
        "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Construction Number (also called L/N or S/N or F/N)",
        "Unified Social Credit Code (USCC)", "Vessel Registration Identification", "Previous Aircraft Tail Number",
        "Digital Currency Address - ", "Government Gazette Number", "Business Registration Number", "Public Registration Number",
        "Commercial Registry Number", "Chamber of Commerce Number", "Business Registration Document #", "Certificate of Incorporation Number",
        "Registration Number", "Registration ID", "Identification Number", "Legal Entity Number", "Aircraft Tail Number",
        "Tax ID No.", "National ID No.", "Driver's License No.", "Personal ID Card", "Company Number", "UK Company Number",
        "Trade License No.", "Birth Certificate Number", "Residency Number", "Electoral Registry No.", "Credencial electoral",
        "Cartilla de Servicio Militar Nacional", "Economic Register Number (CBLS)", "Stateless Person ID Card", "Refugee ID Card",
        "Matricula Mercantil No", "Passport", "Cedula No.", "C.U.R.P.", "R.F.C.", "RFC", "NIT #", "RUC #", "RIF #", "D.N.I.", "C.U.I.T.", "C.U.I.",
        "V.A.T. Number", "C.R. No.", "SSN", "SWIFT/BIC", "MMSI", "IMO", "ISIN", "D-U-N-S Number", "BIK (RU)", "Folio Mercantil No.", "I.F.E.",
        "License", "Kenyan ID No.", "Serial No.", "Immigration No.", "Identification Card No.",
    ];

    private static readonly string[] SortedLabels = IdentifierLabels.OrderByDescending(l => l.Length).ToArray();

    public static void Apply(string remarks, EntityBuilder b)
    {
        b.Remark(remarks);
        foreach (var raw in Split(remarks))
        {
            var seg = raw.StartsWith("alt. ", StringComparison.Ordinal) ? raw[5..] : raw;
            if (TryAlias(seg, b)) continue;
            if (TryPrefix(seg, "DOB ", out var dob)) b.BirthDate(dob);
            else if (TryPrefix(seg, "POB ", out var pob)) b.BirthPlace(pob);
            else if (TryPrefix(seg, "nationality ", out var nat)) b.Nationality(nat);
            else if (TryPrefix(seg, "citizen ", out var cit)) b.Nationality(cit);
            else if (TryPrefix(seg, "Nationality of Registration ", out var reg)) b.Country(reg);
            else if (TryPrefix(seg, "Gender ", out var gender)) b.Attribute("gender", gender);
            else if (TryPrefix(seg, "Linked To: ", out var linked)) b.Attribute("linkedTo", linked);
            else if (TryPrefix(seg, "Website ", out var web)) b.Attribute("website", web);
            else if (TryPrefix(seg, "Email Address ", out var mail)) b.Attribute("email", mail);
            else if (TryPrefix(seg, "Phone Number ", out var phone)) b.Attribute("phone", phone);
            else if (TryIdentifier(seg, b)) { }
            else if (seg.Contains(':', StringComparison.Ordinal) || seg.Contains(" - ", StringComparison.Ordinal))
                b.Attribute("sanctionsInfo", seg);
        }
    }

    /// <summary>Splits on "; " and drops the final full stop OFAC puts after the last fact.</summary>
    internal static IEnumerable<string> Split(string remarks) =>
        remarks.Trim().TrimEnd('.').Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryAlias(string seg, EntityBuilder b)
    {
        var m = AliasPattern().Match(seg);
        if (!m.Success) return false;
        var type = m.Groups["t"].Value.ToLowerInvariant() == "f.k.a." ? NameType.FormerName : NameType.WeakAlias;
        b.Name(m.Groups["n"].Value, type);
        return true;
    }

    private static bool TryIdentifier(string seg, EntityBuilder b)
    {
        foreach (var label in SortedLabels)
        {
            if (!seg.StartsWith(label, StringComparison.Ordinal) || seg.Length <= label.Length) continue;
            var rest = seg[label.Length..];
            if (!label.EndsWith(' ') && rest[0] != ' ') continue;
            var m = IdentifierValue().Match(rest.Trim());
            if (!m.Success) return false;
            var type = label.StartsWith("Digital Currency Address", StringComparison.Ordinal)
                ? "Digital Currency Address " + m.Groups["v"].Value.Split(' ')[0]
                : label;
            var value = type == label ? m.Groups["v"].Value : string.Join(' ', m.Groups["v"].Value.Split(' ').Skip(1));
            if (label == "Vessel Registration Identification" && value.StartsWith("IMO ", StringComparison.Ordinal))
                (type, value) = ("IMO", value[4..]);
            b.Id(type, value, m.Groups["c"].Success ? m.Groups["c"].Value : null, m.Groups["note"].Success ? m.Groups["note"].Value : null);
            return true;
        }
        return false;
    }

    private static bool TryPrefix(string seg, string prefix, out string value)
    {
        value = seg.StartsWith(prefix, StringComparison.Ordinal) ? seg[prefix.Length..].Trim() : "";
        return value.Length > 0;
    }

    // "a.k.a. 'ABU-'UMAR'" : the name runs to the last quote, since names may hold apostrophes.
    [GeneratedRegex(@"^(?<t>[afn]\.k\.a\.),?\s+'(?<n>.+)'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();

    // "92/664 (Egypt)", "A1234567 (Iran) issued 01 Jan 2010 expires 31 Dec 2020", "7702070139 (Russia)"
    [GeneratedRegex(@"^(?<v>.+?)(?:\s+\((?<c>[^()]+)\))?(?<note>\s+(?:issued|expires|Issue Date|Expiration Date|Expires|Issued).*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierValue();
}
