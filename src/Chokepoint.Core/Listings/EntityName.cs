namespace Chokepoint.Core.Listings;

/// <summary>One name of a listed party, as the publisher wrote it.</summary>
/// <param name="Value">The name text, trimmed but otherwise unchanged.</param>
/// <param name="Type">Primary, alias, weak alias, former name or original script.</param>
/// <param name="Language">Language or script the publisher gives for it, if any ("ru", "Cyrillic").</param>
public sealed record EntityName(string Value, NameType Type, string? Language = null);
