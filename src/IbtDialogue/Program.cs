using IbtDialogue.Accounts;
using IbtDialogue.Components;
using IbtDialogue.Live;
using IbtDialogue.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddPersistence();
builder.Services.AddAccounts();
builder.AddDialogues();
builder.AddWebUi();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseWebUi();
app.MapDialogueHub();
app.Run();

/// <summary>The app's entry point; public so the tests can host it.</summary>
public partial class Program;
