namespace Chokepoint.Core.Values;

/// <summary>Text that is not a valid domain value: the message names the kind of value, the text and what is expected,
/// so that a typo is an error the user can fix rather than a value that quietly matches nothing.</summary>
public sealed class InvalidValueException(string message) : FormatException(message)
{
    internal static InvalidValueException For(string kind, string? text, string expected) =>
        new($"'{Clip(text)}' is not a valid {kind}: {expected}.");

    internal static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
