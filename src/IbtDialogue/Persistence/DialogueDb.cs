using IbtDialogue.Accounts;
using IbtDialogue.Agreements;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.NationalPicture;
using IbtDialogue.Participants;
using IbtDialogue.Series;
using IbtDialogue.Voting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Persistence;

/// <summary>The one database of the app: accounts, dialogues, what happened in them, and their minutes.</summary>
public sealed class DialogueDb(DbContextOptions<DialogueDb> options) : IdentityDbContext<UserAccount>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every node that uses this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Dialogue> Dialogues => Set<Dialogue>();

    public DbSet<Theme> Themes => Set<Theme>();

    public DbSet<DialogueFacilitator> DialogueFacilitators => Set<DialogueFacilitator>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Contribution> Contributions => Set<Contribution>();

    public DbSet<RoomConnection> RoomConnections => Set<RoomConnection>();

    public DbSet<NodeBeat> NodeBeats => Set<NodeBeat>();

    public DbSet<ProcessedCommand> ProcessedCommands => Set<ProcessedCommand>();

    public DbSet<MinutesVersion> MinutesVersions => Set<MinutesVersion>();

    public DbSet<ContributionRevision> ContributionRevisions => Set<ContributionRevision>();

    public DbSet<Reaction> Reactions => Set<Reaction>();

    public DbSet<ModerationRecord> ModerationRecords => Set<ModerationRecord>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<AgreementStatusChange> AgreementStatusChanges => Set<AgreementStatusChange>();

    public DbSet<AgreementLink> AgreementLinks => Set<AgreementLink>();

    public DbSet<InvitedOrganisation> InvitedOrganisations => Set<InvitedOrganisation>();

    public DbSet<DialogueSeries> Series => Set<DialogueSeries>();

    public DbSet<CarriedAgreement> CarriedAgreements => Set<CarriedAgreement>();

    public DbSet<Template> Templates => Set<Template>();

    public DbSet<Risk> Risks => Set<Risk>();

    public DbSet<PublishedSummary> PublishedSummaries => Set<PublishedSummary>();

    public DbSet<PublicationProposal> PublicationProposals => Set<PublicationProposal>();

    public DbSet<Vote> Votes => Set<Vote>();

    public DbSet<TemplateTheme> TemplateThemes => Set<TemplateTheme>();

    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();

    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();

    public DbSet<CatalogueRisk> CatalogueRisks => Set<CatalogueRisk>();

    public DbSet<RiskOutcome> RiskOutcomes => Set<RiskOutcome>();

    public DbSet<RiskFigure> RiskFigures => Set<RiskFigure>();

    public DbSet<LibraryPractice> LibraryPractices => Set<LibraryPractice>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsNpgsql())
        {
            // Every DateTime of the app is UTC, but SQLite stores it without its kind and hands it back as
            // Unspecified, and code and tests made with SQLite rely on that. PostgreSQL keeps it as a real
            // timestamptz (UTC) — Npgsql refuses to write any other kind there — and it reads back Unspecified,
            // as on SQLite.
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<UserAccount>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(60);
        });

        builder.Entity<AccountLink>(e =>
        {
            e.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(16);
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.Property(l => l.Email).HasMaxLength(256);
            e.Property(l => l.Roles).HasMaxLength(100);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccountSession>(e =>
        {
            e.HasKey(s => s.KeyHash);
            e.Property(s => s.KeyHash).HasMaxLength(64);
            e.HasIndex(s => s.UserId);
            e.HasIndex(s => s.ExpiresAt);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Dialogue>(e =>
        {
            e.Property(d => d.Title).HasMaxLength(200);
            e.Property(d => d.Place).HasMaxLength(200);
            e.Property(d => d.JoinCode).HasMaxLength(12);
            e.HasIndex(d => d.JoinCode).IsUnique();
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.CurrentPhase).HasConversion<string>().HasMaxLength(24);
            e.Property(d => d.Anonymity).HasConversion<string>().HasMaxLength(24);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.Property(d => d.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(d => d.Region).HasMaxLength(80);
            e.Property(d => d.ResultsKey).HasMaxLength(64);
            e.HasIndex(d => d.ResultsKey).IsUnique();
            e.Property(d => d.ShownNationalKind).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.ShownNationalTitle).HasMaxLength(300);
            e.Property(d => d.ShownNationalText).HasMaxLength(4000);
            e.Property(d => d.ShownNationalSource).HasMaxLength(300);
            e.HasIndex(d => new { d.Status, d.CountedAt });
            e.HasOne<DialogueSeries>().WithMany().HasForeignKey(d => d.SeriesId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(d => d.Themes).WithOne().HasForeignKey(t => t.DialogueId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.Facilitators).WithOne().HasForeignKey(f => f.DialogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Theme>(e =>
        {
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Goal).HasMaxLength(1000);
            e.HasIndex(t => new { t.DialogueId, t.Position });
            e.Property(t => t.VoteMethod).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.VoteState).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.ThemeKey).HasMaxLength(60);
        });

        builder.Entity<Risk>(e =>
        {
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.Description).HasMaxLength(1000);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => new { r.ThemeId, r.Position });
            e.HasOne<CatalogueRisk>().WithMany().HasForeignKey(r => r.CatalogueRiskId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Dialogue>().WithMany().HasForeignKey(r => r.DialogueId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Theme>().WithMany().HasForeignKey(r => r.ThemeId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Vote>(e =>
        {
            e.HasIndex(v => new { v.RiskId, v.ParticipantId }).IsUnique();
            e.HasIndex(v => new { v.ThemeId, v.ParticipantId });
            e.HasIndex(v => new { v.RiskId, v.Ballot }).IsUnique();
            e.Property(v => v.Municipality).HasMaxLength(120);
            e.HasOne<Risk>().WithMany().HasForeignKey(v => v.RiskId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DialogueFacilitator>(e =>
        {
            e.HasKey(f => new { f.DialogueId, f.UserId });
            e.HasOne<UserAccount>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Participant>(e =>
        {
            e.Property(p => p.DisplayName).HasMaxLength(60);
            e.Property(p => p.Organisation).HasMaxLength(120);
            e.Property(p => p.TokenHash).HasMaxLength(64);
            e.HasIndex(p => p.TokenHash).IsUnique();
            e.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.OrganisationType).HasConversion<string>().HasMaxLength(24);
            e.HasOne<Dialogue>().WithMany().HasForeignKey(p => p.DialogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Contribution>(e =>
        {
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(c => c.Text).HasMaxLength(1000);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.PracticeTitle).HasMaxLength(200);
            e.Property(c => c.PracticeWhy).HasMaxLength(1000);
            e.Property(c => c.PracticeOrganisation).HasMaxLength(120);
            e.Property(c => c.PracticeStep).HasConversion<string>().HasMaxLength(8);
            e.Property(c => c.ContactName).HasMaxLength(100);
            e.Property(c => c.ContactDetails).HasMaxLength(200);
            e.HasOne<Contribution>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.SetNull);
            e.Property(c => c.Anonymity).HasConversion<string>().HasMaxLength(24);
            e.HasIndex(c => new { c.DialogueId, c.Id });
            e.HasOne<Dialogue>().WithMany().HasForeignKey(c => c.DialogueId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Theme>().WithMany().HasForeignKey(c => c.ThemeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Participant>().WithMany().HasForeignKey(c => c.ParticipantId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<RoomConnection>(e =>
        {
            e.HasKey(c => new { c.ConnectionId, c.DialogueId });
            e.Property(c => c.ConnectionId).HasMaxLength(64);
            e.Property(c => c.Node).HasMaxLength(100);
            e.HasIndex(c => c.DialogueId);
            e.HasIndex(c => c.Node);
            e.Property(c => c.Role).HasConversion<string>().HasMaxLength(16);
        });

        builder.Entity<NodeBeat>(e =>
        {
            e.HasKey(b => b.Node);
            e.Property(b => b.Node).HasMaxLength(100);
        });

        builder.Entity<PublishedSummary>(e =>
        {
            e.HasIndex(p => p.DialogueId).IsUnique();
            e.HasIndex(p => new { p.IsPublished, p.Date });
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Themes).HasMaxLength(8000);
            e.HasOne<Dialogue>().WithMany().HasForeignKey(p => p.DialogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PublicationProposal>(e =>
        {
            e.HasIndex(p => new { p.DialogueId, p.State });
            e.HasIndex(p => p.DialogueId).IsUnique().HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_PublicationProposals_OnePending"); // at most one waits
            e.Property(p => p.Hash).HasMaxLength(64);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Reason).HasMaxLength(1000);
            e.HasOne<Dialogue>().WithMany().HasForeignKey(p => p.DialogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ContributionRevision>(e =>
        {
            e.Property(r => r.PreviousText).HasMaxLength(1000);
            e.Property(r => r.EditedBy).HasMaxLength(80);
            e.HasOne<Contribution>().WithMany().HasForeignKey(r => r.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Reaction>(e =>
        {
            e.HasKey(r => new { r.ContributionId, r.ReactedBy });
            e.Property(r => r.ReactedBy).HasMaxLength(80);
            e.HasOne<Contribution>().WithMany().HasForeignKey(r => r.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ModerationRecord>(e =>
        {
            e.Property(m => m.Action).HasMaxLength(16);
            e.Property(m => m.Detail).HasMaxLength(1000);
            e.HasIndex(m => m.DialogueId);
            e.HasOne<Contribution>().WithMany().HasForeignKey(m => m.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DialogueSeries>(e =>
        {
            e.ToTable("Series");
            e.Property(s => s.Name).HasMaxLength(SeriesService.MaxNameLength);
            e.HasIndex(s => s.Name).IsUnique();
            e.Property(s => s.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(s => s.Region).HasMaxLength(80);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<CarriedAgreement>(e =>
        {
            e.HasKey(c => new { c.DialogueId, c.AgreementId });
            e.HasOne<Dialogue>().WithMany().HasForeignKey(c => c.DialogueId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Agreement>().WithMany().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<InvitedOrganisation>(e =>
        {
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(i => i.Name).HasMaxLength(InvitationService.MaxNameLength);
            e.HasIndex(i => new { i.DialogueId, i.Kind, i.Name }).IsUnique();
            e.HasOne<Dialogue>().WithMany().HasForeignKey(i => i.DialogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Agreement>(e =>
        {
            e.Property(a => a.What).HasMaxLength(500);
            e.Property(a => a.Who).HasMaxLength(120);
            e.Property(a => a.RecordedBy).HasMaxLength(80);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Dialogue>().WithMany().HasForeignKey(a => a.DialogueId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Theme>().WithMany().HasForeignKey(a => a.ThemeId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AgreementStatusChange>(e =>
        {
            e.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Note).HasMaxLength(AgreementFollowUp.MaxNoteLength);
            e.Property(c => c.ByContactName).HasMaxLength(AgreementFollowUp.MaxNameLength);
            e.HasIndex(c => c.AgreementId);
            e.HasOne<Agreement>().WithMany().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Cascade);
            // The history outlives the link and the account: it says who it was, not which key opened the door.
            e.HasOne<AgreementLink>().WithMany().HasForeignKey(c => c.LinkId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(c => c.ByUserId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<AgreementLink>(e =>
        {
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => l.AgreementId);
            e.HasOne<Agreement>().WithMany().HasForeignKey(l => l.AgreementId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(l => l.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Template>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Description).HasMaxLength(1000);
            e.Property(t => t.BuiltInKey).HasMaxLength(40);
            e.Property(t => t.Domain).HasConversion<string>().HasMaxLength(24);
            e.HasIndex(t => t.BuiltInKey).IsUnique();
            e.HasMany(t => t.Themes).WithOne().HasForeignKey(t => t.TemplateId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TemplateTheme>(e =>
        {
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Goal).HasMaxLength(1000);
            e.Property(t => t.Risks).HasMaxLength(4000);
            e.Property(t => t.ThemeKey).HasMaxLength(60);
        });

        builder.Entity<ProcessedCommand>(e =>
        {
            e.HasKey(c => c.CommandId);
            e.Property(c => c.Actor).HasMaxLength(80);
        });

        builder.Entity<CatalogueRisk>(e =>
        {
            e.Property(r => r.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(r => r.ThemeKey).HasMaxLength(60);
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.Explanation).HasMaxLength(2000);
            e.Property(r => r.Source).HasMaxLength(300);
            e.HasIndex(r => new { r.Domain, r.ThemeKey });
        });

        builder.Entity<RiskOutcome>(e =>
        {
            e.Property(o => o.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(o => o.ThemeKey).HasMaxLength(60);
            e.Property(o => o.Region).HasMaxLength(80);
            e.Property(o => o.Method).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(o => new { o.Domain, o.ThemeKey, o.Year });
            e.HasIndex(o => o.DialogueId);
            e.HasOne<Dialogue>().WithMany().HasForeignKey(o => o.DialogueId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CatalogueRisk>().WithMany().HasForeignKey(o => o.CatalogueRiskId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RiskFigure>(e =>
        {
            e.Property(f => f.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(f => f.ThemeKey).HasMaxLength(60);
            e.Property(f => f.Region).HasMaxLength(80);
            e.Property(f => f.Method).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(f => new { f.Domain, f.ThemeKey, f.Year, f.Region, f.Method, f.CatalogueRiskId }).IsUnique();
            e.HasIndex(f => f.CatalogueRiskId);
            e.HasOne<CatalogueRisk>().WithMany().HasForeignKey(f => f.CatalogueRiskId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<LibraryPractice>(e =>
        {
            e.HasKey(p => p.ContributionId);
            e.Property(p => p.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(p => p.ThemeKey).HasMaxLength(60);
            e.Property(p => p.Region).HasMaxLength(80);
            e.Property(p => p.OrganisationType).HasConversion<string>().HasMaxLength(24);
            e.Property(p => p.Step).HasConversion<string>().HasMaxLength(8);
            e.HasIndex(p => new { p.Domain, p.ThemeKey, p.Year });
            e.HasIndex(p => p.DialogueId);
            e.HasOne<Contribution>().WithOne().HasForeignKey<LibraryPractice>(p => p.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Finding>(e =>
        {
            e.Property(f => f.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(f => f.ThemeKey).HasMaxLength(60);
            e.Property(f => f.Title).HasMaxLength(200);
            e.Property(f => f.Markdown).HasMaxLength(20_000);
            e.Property(f => f.Sources).HasMaxLength(4000);
            e.HasIndex(f => new { f.Domain, f.ThemeKey });
        });

        builder.Entity<Indicator>(e =>
        {
            e.Property(i => i.Key).HasMaxLength(60);
            e.HasIndex(i => i.Key).IsUnique();
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Unit).HasMaxLength(20);
            e.Property(i => i.Domain).HasConversion<string>().HasMaxLength(24);
            e.Property(i => i.ThemeKey).HasMaxLength(60);
            e.Property(i => i.Description).HasMaxLength(2000);
        });

        builder.Entity<IndicatorValue>(e =>
        {
            e.Property(v => v.MunicipalityCode).HasMaxLength(6);
            e.HasIndex(v => new { v.IndicatorId, v.Year, v.MunicipalityCode }).IsUnique();
            e.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MinutesVersion>(e =>
        {
            e.HasIndex(m => new { m.DialogueId, m.Number }).IsUnique();
            e.Property(m => m.Source).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Dialogue>().WithMany().HasForeignKey(m => m.DialogueId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
