namespace Chokepoint.Core.Listings;

/// <summary>An identifying number: passport, national ID, registration or tax number, IMO, SWIFT/BIC, crypto address...</summary>
/// <param name="Type">The publisher's label for it ("Passport", "Tax ID No.", "Vessel Registration Identification").</param>
/// <param name="Value">The number as published.</param>
/// <param name="Country">Issuing country as the publisher gives it (a name or an ISO code).</param>
/// <param name="Note">Anything the publisher adds (issue or expiry date, "issued under the name ...").</param>
public sealed record Identifier(string Type, string Value, string? Country = null, string? Note = null);
