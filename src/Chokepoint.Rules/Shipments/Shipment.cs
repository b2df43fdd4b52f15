namespace Chokepoint.Rules.Shipments;

/// <summary>
/// One shipment to decide: who exports what to whom, by which route, for what use, under which contract and licences.
/// Everything but the exporter, the items and a consignee is optional; a red flag whose facts are absent is reported as
/// not evaluated rather than passed. docs/shipment.schema.json documents the JSON form.
/// </summary>
public sealed record Shipment
{
    public string? Id { get; init; }
    public required Exporter Exporter { get; init; }

    /// <summary>The day the law is applied as of. Hosts fill in today when a request leaves it out; rules never read the clock.</summary>
    public DateOnly? EvaluationDate { get; init; }

    public IReadOnlyList<Item> Items { get; init; } = [];
    public IReadOnlyList<Party> Parties { get; init; } = [];

    /// <summary>Countries the goods pass through between the exporter and the destination, in order (ISO alpha-2).</summary>
    public IReadOnlyList<string> Route { get; init; } = [];

    /// <summary>The final destination country; when absent, the end user's country, else the consignee's.</summary>
    public string? Destination { get; init; }

    public string? EndUse { get; init; }
    public bool? EndUseCertificateRefused { get; init; }
    public Contract? Contract { get; init; }

    /// <summary>Licence numbers the exporter holds for this shipment.</summary>
    public IReadOnlyList<string> Licences { get; init; } = [];

    /// <summary>Catch-all notifications from an authority (CN Art 14(3), EU Art 4).</summary>
    public IReadOnlyList<Notification> Notifications { get; init; } = [];

    /// <summary>Who owns whom, for the OFAC 50 % rule: owners need not be parties to the shipment.</summary>
    public IReadOnlyList<Ownership>? Ownership { get; init; }

    public Payment? Payment { get; init; }

    /// <summary>Changes of consignee, route or delivery terms made late ("consignee", "route", "terms"); null when unknown.</summary>
    public IReadOnlyList<string>? LateChanges { get; init; }

    /// <summary>Services the buyer declined ("installation", "training", "warranty"); null when unknown.</summary>
    public IReadOnlyList<string>? DeclinedServices { get; init; }
}

public sealed record Exporter
{
    public required string Name { get; init; }
    public required string Country { get; init; }

    /// <summary>A US person under OFAC rules (US company or citizen anywhere); defaults to exporter country US.</summary>
    public bool? UsPerson { get; init; }
}

public sealed record Item
{
    public required string Description { get; init; }

    /// <summary>HS code, 6 to 10 digits; dots and spaces are ignored ("8457.10", "8407101010").</summary>
    public required string HsCode { get; init; }

    /// <summary>Control codes by regime: "CN" ("9A012.b.1"), "EU" ("2B001", "X.A.I.001.a"), "US" ("3A001", "EAR99").</summary>
    public IReadOnlyDictionary<string, string> ControlCodes { get; init; } = new Dictionary<string, string>();

    public decimal Quantity { get; init; }
    public string? Unit { get; init; }
    public decimal Value { get; init; }
    public string? Currency { get; init; }

    /// <summary>Country of origin (ISO alpha-2).</summary>
    public string? Origin { get; init; }

    /// <summary>Share of US-controlled content by value, 0..1 (EAR de minimis).</summary>
    public decimal? UsContentShare { get; init; }

    /// <summary>A confirmed classification record to reuse: its code fills the EU control code when none is given.</summary>
    public long? ClassificationId { get; init; }

    /// <summary>A reference unit price for the item in the same currency (RF08).</summary>
    public decimal? ReferenceUnitPrice { get; init; }
}

public sealed record Party
{
    public required string Name { get; init; }

    /// <summary>seller, consignee, endUser, intermediary, forwarder, payer: one party may hold several.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Country { get; init; }

    /// <summary>person or organization (default organization).</summary>
    public string? Kind { get; init; }

    public string? Identifier { get; init; }

    /// <summary>Date of incorporation; "2023-02" reads as the first of the month.</summary>
    public string? Incorporated { get; init; }

    /// <summary>Line of business ("manufacturer", "trading", "forwarder", "bank", "military").</summary>
    public string? BusinessType { get; init; }

    /// <summary>HS prefixes the party's business is known to use or trade (RF07).</summary>
    public IReadOnlyList<string>? IndustryHs { get; init; }

    /// <summary>The party's website; an empty string means it has none (RF10).</summary>
    public string? Website { get; init; }

    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }

    /// <summary>residential, virtual, commercial, industrial (RF12).</summary>
    public string? AddressType { get; init; }

    /// <summary>How many firms are registered at the same address (RF12).</summary>
    public int? SharedAddressCount { get; init; }

    /// <summary>The address is that of a listed party (RF12), as found by the user's address screening.</summary>
    public bool? AddressSharedWithListedParty { get; init; }

    /// <summary>military or listed when the site is shared with such a site (RF19).</summary>
    public string? ColocatedWith { get; init; }

    /// <summary>Registered in a free zone (RF20); also read from FZE/FZCO-style legal forms in the name.</summary>
    public bool? FreeZone { get; init; }

    public CustomerHistory? History { get; init; }
}

public sealed record CustomerHistory
{
    public bool? ShippedToRussiaOrBelarus { get; init; }
    public bool? OrderRepointedFromRussiaOrBelarus { get; init; }

    /// <summary>Average quantity of CHPL items per shipment over the last 12 months (RF17).</summary>
    public decimal? AverageChplQuantity12M { get; init; }
}

public sealed record Contract
{
    public DateOnly? Date { get; init; }

    /// <summary>Whether the contract has the EU Art 12g no-re-export-to-Russia clause; null when not known.</summary>
    public bool? NoRussiaClause { get; init; }
}

public sealed record Notification
{
    /// <summary>CN, EU or US.</summary>
    public required string Jurisdiction { get; init; }

    public DateOnly? Date { get; init; }
    public string? Reason { get; init; }
}

public sealed record Ownership
{
    public required string Owner { get; init; }
    public required string Owned { get; init; }

    /// <summary>0..1.</summary>
    public decimal Share { get; init; }
}

public sealed record Payment
{
    /// <summary>wire, cash, letter-of-credit ...</summary>
    public string? Method { get; init; }

    public bool? CashPrepayment { get; init; }
    public bool? LetterOfCreditConsignedToIssuingBank { get; init; }

    /// <summary>Individual payments received for this order or customer (RF09).</summary>
    public IReadOnlyList<PaymentRecord>? Payments { get; init; }
}

public sealed record PaymentRecord
{
    public required string FromAccount { get; init; }
    public string? FromCountry { get; init; }
    public required string ToSupplier { get; init; }
    public decimal Amount { get; init; }
}
