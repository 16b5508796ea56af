using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LiveFacilitation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows get the values new rows get: a named dialogue at the Delen phase, visible contributions.
            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "RoomConnections",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Participant");

            migrationBuilder.AddColumn<DateTime>(
                name: "LastLeftAt",
                table: "Participants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "Participants",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Participant");

            migrationBuilder.AddColumn<string>(
                name: "Anonymity",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Named");

            migrationBuilder.AddColumn<bool>(
                name: "ApproveBeforeShow",
                table: "Dialogues",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CurrentPhase",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Sharing");

            migrationBuilder.AddColumn<bool>(
                name: "InputLocked",
                table: "Dialogues",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ObserversAllowed",
                table: "Dialogues",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "SpotlightContributionId",
                table: "Dialogues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TimerDurationSeconds",
                table: "Dialogues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TimerEndsAt",
                table: "Dialogues",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TimerRemainingSeconds",
                table: "Dialogues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Edited",
                table: "Contributions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Contributions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Contributions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Visible");

            migrationBuilder.CreateTable(
                name: "Agreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agreements_Dialogues_DialogueId",
                        column: x => x.DialogueId,
                        principalTable: "Dialogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Agreements_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContributionRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContributionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EditedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    EditedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContributionRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContributionRevisions_Contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "Contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModerationRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContributionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModerationRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModerationRecords_Contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "Contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reactions",
                columns: table => new
                {
                    ContributionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReactedBy = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ReactedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reactions", x => new { x.ContributionId, x.ReactedBy });
                    table.ForeignKey(
                        name: "FK_Reactions_Contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "Contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Templates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BuiltInKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TemplateThemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Goal = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TemplateThemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TemplateThemes_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_DialogueId",
                table: "Agreements",
                column: "DialogueId");

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_ThemeId",
                table: "Agreements",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_ContributionRevisions_ContributionId",
                table: "ContributionRevisions",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationRecords_ContributionId",
                table: "ModerationRecords",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationRecords_DialogueId",
                table: "ModerationRecords",
                column: "DialogueId");

            migrationBuilder.CreateIndex(
                name: "IX_Templates_BuiltInKey",
                table: "Templates",
                column: "BuiltInKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TemplateThemes_TemplateId",
                table: "TemplateThemes",
                column: "TemplateId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Agreements");

            migrationBuilder.DropTable(
                name: "ContributionRevisions");

            migrationBuilder.DropTable(
                name: "ModerationRecords");

            migrationBuilder.DropTable(
                name: "Reactions");

            migrationBuilder.DropTable(
                name: "TemplateThemes");

            migrationBuilder.DropTable(
                name: "Templates");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "RoomConnections");

            migrationBuilder.DropColumn(
                name: "LastLeftAt",
                table: "Participants");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "Participants");

            migrationBuilder.DropColumn(
                name: "Anonymity",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ApproveBeforeShow",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "CurrentPhase",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "InputLocked",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ObserversAllowed",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "SpotlightContributionId",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "TimerDurationSeconds",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "TimerEndsAt",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "TimerRemainingSeconds",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "Edited",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Contributions");
        }
    }
}
