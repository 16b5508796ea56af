using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GoodPracticesAndVoting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing themes vote like new ones: 5 dots, at most 3 per risk, not started.
            migrationBuilder.AddColumn<int>(
                name: "DotBudget",
                table: "Themes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "DotCap",
                table: "Themes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<bool>(
                name: "ResultsRevealed",
                table: "Themes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "VoteMethod",
                table: "Themes",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Dots");

            migrationBuilder.AddColumn<string>(
                name: "VoteState",
                table: "Themes",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "NotStarted");

            migrationBuilder.AddColumn<string>(
                name: "Risks",
                table: "TemplateThemes",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ContactConsentAt",
                table: "Contributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactDetails",
                table: "Contributions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactName",
                table: "Contributions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "Contributions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticeOrganisation",
                table: "Contributions",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticeStep",
                table: "Contributions",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticeTitle",
                table: "Contributions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticeWhy",
                table: "Contributions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Risks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProposedByParticipantId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Risks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Risks_Dialogues_DialogueId",
                        column: x => x.DialogueId,
                        principalTable: "Dialogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Risks_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Votes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Likelihood = table.Column<int>(type: "INTEGER", nullable: true),
                    Impact = table.Column<int>(type: "INTEGER", nullable: true),
                    CastAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Votes_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Votes_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_ParentId",
                table: "Contributions",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Risks_DialogueId",
                table: "Risks",
                column: "DialogueId");

            migrationBuilder.CreateIndex(
                name: "IX_Risks_ThemeId_Position",
                table: "Risks",
                columns: new[] { "ThemeId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Votes_ParticipantId",
                table: "Votes",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Votes_RiskId_ParticipantId",
                table: "Votes",
                columns: new[] { "RiskId", "ParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Votes_ThemeId_ParticipantId",
                table: "Votes",
                columns: new[] { "ThemeId", "ParticipantId" });

            migrationBuilder.AddForeignKey(
                name: "FK_Contributions_Contributions_ParentId",
                table: "Contributions",
                column: "ParentId",
                principalTable: "Contributions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Contributions_Contributions_ParentId",
                table: "Contributions");

            migrationBuilder.DropTable(
                name: "Votes");

            migrationBuilder.DropTable(
                name: "Risks");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_ParentId",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "DotBudget",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "DotCap",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "ResultsRevealed",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "VoteMethod",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "VoteState",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "Risks",
                table: "TemplateThemes");

            migrationBuilder.DropColumn(
                name: "ContactConsentAt",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "ContactDetails",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "ContactName",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PracticeOrganisation",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PracticeStep",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PracticeTitle",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PracticeWhy",
                table: "Contributions");
        }
    }
}
