using Chokepoint.Core.Identity;
using Chokepoint.Server.Api;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Components;

namespace Chokepoint.Server.Workplace;

/// <summary>What every page knows: the request, who is signed in, and how to show a refused action as a message
/// (the same mapping as the API's problem answers) instead of an error page.</summary>
public abstract class WorkplacePage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    protected Actor Actor => ChokepointAuthentication.ActorOf(HttpContext.User);

    /// <summary>What went wrong with the last action, for the page's alert banner.</summary>
    protected string? Problem { get; set; }

    /// <summary>Runs an action; a refusal the problem mapping knows (bad input, forbidden, conflict, no list ...)
    /// becomes <see cref="Problem"/>, with the status code set on the response. A record that does not exist, or
    /// is another organisation's, renders the one not-found page, which tells neither apart.</summary>
    protected async Task<bool> AttemptAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception e) when (Problems.Map(e) is { Status: { } status } mapped)
        {
            if (status == StatusCodes.Status404NotFound && !HttpMethods.IsPost(HttpContext.Request.Method))
            {
                Navigation.NotFound();
                return false;
            }
            Problem = mapped.Detail;
            if (!HttpContext.Response.HasStarted) HttpContext.Response.StatusCode = status;
            return false;
        }
    }

    /// <summary>Reads a file a person uploaded: what is wrong with it is their bad input (400), not a server fault.</summary>
    protected static T UploadedFile<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is Chokepoint.Core.Reading.ListFormatException or InvalidDataException or IOException)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    protected static string Iso(string stamp) =>
        DateTimeOffset.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var t)
            ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : stamp;

    protected static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    protected static string Age(TimeSpan age) => age.TotalDays >= 2 ? $"{age.TotalDays:0} days" : age.TotalHours >= 2 ? $"{age.TotalHours:0} hours" : $"{Math.Max(0, age.TotalMinutes):0} minutes";
}
