namespace Chokepoint.Core.Listings;

/// <summary>How strongly a publisher stands behind a name.</summary>
public enum NameType
{
    /// <summary>The name the publisher lists the party under.</summary>
    Primary,
    /// <summary>A good-quality alias ("a.k.a.", strong alias, "Good quality" in UN terms).</summary>
    Alias,
    /// <summary>A low-quality alias that OFAC, UN and OFSI say should only match exactly.</summary>
    WeakAlias,
    /// <summary>A name the party no longer uses ("f.k.a.", previous name).</summary>
    FormerName,
    /// <summary>The name as written in its own script (Cyrillic, Arabic, Chinese ...).</summary>
    OriginalScript,
}
