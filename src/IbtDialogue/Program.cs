using IbtDialogue.Accounts;
using IbtDialogue.Agreements;
using IbtDialogue.Components;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.NationalPicture;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Privacy;
using IbtDialogue.Room;
using IbtDialogue.Security;
using IbtDialogue.Voting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebUiExtensions.PublishedWebRoot() });
builder.AddPersistence();
builder.AddHttpSecurity();
builder.AddAccounts();
builder.AddDialogues();
builder.AddParticipants();
builder.AddLiveRoom();
builder.AddRoom();
builder.AddContributions();
builder.AddVoting();
builder.AddAgreements();
builder.AddMinutes();
builder.AddNationalPicture();
builder.AddPrivacy();
builder.AddWebUi();

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (await app.SeedDemoIfAskedAsync(args))
{
    return;
}

app.UseLanguages();
app.UseHubOriginCheck();
app.UseHttpSecurity();
app.UseWebUi();
app.MapAccounts();
app.MapLiveRoom();
app.MapDialogues();
app.MapMinutes();
app.MapNationalPicture();
app.MapPrivacy();
app.Run();

/// <summary>The app's entry point; public so the tests can host it.</summary>
public partial class Program;
