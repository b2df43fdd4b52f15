namespace Chokepoint.Analytics.Model;

/// <summary>A question the trade store cannot answer as asked: an unknown area, product or period, a series that is
/// not stored, or one that two datasets both hold. The message says what is known instead; hosts answer 400 or 404.</summary>
public sealed class TradeQueryException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
