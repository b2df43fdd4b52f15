using Chokepoint.Matching.Normalising;

namespace Chokepoint.Tests.Matching;

public sealed class NormalizerTests
{
    [Theory]
    [InlineData("Vladimir PUTIN", "vladimir putin")]
    [InlineData("PUTIN, Vladimir Vladimirovich", "putin vladimir vladimirovich")]
    [InlineData("Владимир Путин", "vladimir putin")]
    [InlineData("Ростех", "rostekh")]
    [InlineData("José Ñúñez", "jose nunez")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("P\u200BAR\u00ADCHIN\u202E", "parchin")]      // zero-width space, soft hyphen, bidi override
    [InlineData("P\u0430rchin", "parchin")]                    // Cyrillic а inside a Latin word
    [InlineData("\u03BFsama", "osama")]                         // Greek omicron
    [InlineData("习近平", "xi jin ping")]
    [InlineData("Ελληνικά", "ellinika")]
    [InlineData("Հայաստան", "hayastan")]
    [InlineData("김정은", "gim jeong eun")]
    public void Names_reduce_to_comparable_tokens(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Normalize(raw, person: true).ToString());

    [Theory]
    [InlineData("OOO Romashka", "llc")]
    [InlineData("ООО «Ромашка»", "llc")]
    [InlineData("TOO Romashka", "llc")]
    [InlineData("OsOO Romashka", "llc")]
    [InlineData("Romashka Limited Liability Company", "llc")]
    [InlineData("Romashka LLC", "llc")]
    [InlineData("罗马什卡有限公司", "llc")]
    [InlineData("AO Romashka Holding", "jsc")]
    [InlineData("Romashka Joint Stock Company", "jsc")]
    [InlineData("Romashka FZE", "fze")]
    public void Legal_forms_are_taken_out_and_canonicalised(string raw, string form)
    {
        var key = NameNormalizer.Normalize(raw);
        Assert.Contains(form, key.LegalForms);
        Assert.DoesNotContain(form, key.Tokens);
    }

    [Fact]
    public void A_short_legal_word_inside_a_person_name_stays()
    {
        Assert.Equal("ao wei", NameNormalizer.Normalize("Ao Wei").ToString());
        Assert.Equal("wei", NameNormalizer.Normalize("AO Wei Holding", person: false).Tokens[0]);
    }

    [Fact]
    public void Numbers_are_kept_apart()
    {
        var key = NameNormalizer.Normalize("Plant No. 003");
        Assert.Equal(["3"], key.Numbers);
        Assert.Equal("plant no", key.ToString());
    }

    [Fact]
    public void Huge_input_is_cut_not_choked_on()
    {
        var key = NameNormalizer.Normalize(new string('a', 100_000) + " b");
        Assert.Single(key.Tokens);
        Assert.Equal(NameNormalizer.MaxChars, key.Tokens[0].Length);
    }

    [Theory]
    [InlineData("Олександр Іванович", "Alexander Ivanovich")]              // Ukrainian
    [InlineData("Аляксандр Iванавiч", "Aleksandr Ivanovich")]              // Belarusian, typed with a Latin i
    [InlineData("Євген Олексійович", "Evgeny Alekseevich")]
    [InlineData("Yevhen Oleksiyovych", "Yevgeniy Alexeyevich")]
    [InlineData("Тетяна Сергіївна", "Tatiana Sergeevna")]
    [InlineData("Наталля Мiхайлаўна", "Natalia Mikhaylovna")]
    [InlineData("Дзмiтрый Уладзiмiравiч", "Dmitry Vladimirovich")]
    public void East_slavic_given_names_and_patronymics_are_one_form(string a, string b) =>
        Assert.Equal(NameNormalizer.Normalize(b, person: true).ToString(), NameNormalizer.Normalize(a, person: true).ToString());

    [Theory]
    [InlineData("Abdul Rahman", "abd al rahman")]        // the joined forms Latin lists write, split as Arabic writes them
    [InlineData("Abdulrahman", "abd al rahman")]
    [InlineData("Abd al-Rahman", "abd al rahman")]
    [InlineData("Abdurrahman", "abd al rahman")]
    [InlineData("Hamdullah", "hamd al lah")]
    [InlineData("Noureddine", "nour al dine")]
    [InlineData("Mullah", "mullah")]                     // too short a stem to be a compound
    [InlineData("Shams ur-Rahman", "shams al rahman")]   // the article as lists write it on its own
    [InlineData("عبدالحميد", "bd al hmyd")]              // Arabic joins the article to abd as well
    [InlineData("سعيدالله", "syd al lh")]                // and to the name before الله and الدين
    [InlineData("Issa Zarepour", "issa zare pour")]      // Persian endings Latin lists join (زارع پور)
    [InlineData("عمر", "mr")]                            // Omar romanised is not the honorific Mr
    public void Arabic_compounds_are_split_as_arabic_writes_them(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Normalize(raw, person: true).ToString());

    [Theory]
    [InlineData("Vital Trading", "vital trading")]       // a patronymic's stem is not a name on its own
    [InlineData("Petrov", "petrov")]                     // a surname is not a patronymic
    [InlineData("Ivanovich", "ivanovich")]
    public void Other_words_keep_their_spelling(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Normalize(raw, person: true).ToString());

    [Theory]
    [InlineData("Михаил Aлександрович", "mikhail aleksandrovich")]  // Latin A in a Cyrillic word: transliterated whole
    [InlineData("Пyтин", "putin")]                                  // Latin y in a Cyrillic word
    [InlineData("P\u0430rchin", "parchin")]                         // Cyrillic а in a Latin word: the Latin letter
    public void Mixed_script_words_follow_their_main_script(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Normalize(raw, person: false).ToString());

    [Theory]
    [InlineData("Iran", "IR")]
    [InlineData("IRAN (ISLAMIC REPUBLIC OF)", "IR")]
    [InlineData("Russian Federation", "RU")]
    [InlineData("ru", "RU")]
    [InlineData("Korea, North", "KP")]
    [InlineData("Burma", "MM")]
    [InlineData("Türkiye", "TR")]
    [InlineData("Nowhere", null)]
    public void Countries_become_iso_codes(string text, string? code) => Assert.Equal(code, Countries.ToCode(text));
}
