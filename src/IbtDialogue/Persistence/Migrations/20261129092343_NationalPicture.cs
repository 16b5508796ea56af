using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NationalPicture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ThemeKey",
                table: "Themes",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThemeKey",
                table: "TemplateThemes",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Domain",
                table: "Templates",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Other");

            migrationBuilder.AddColumn<int>(
                name: "CatalogueRiskId",
                table: "Risks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrganisationType",
                table: "Participants",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Other");

            migrationBuilder.AddColumn<DateTime>(
                name: "CountedAt",
                table: "Dialogues",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Domain",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Other");

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultsKey",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ShownNationalId",
                table: "Dialogues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShownNationalKind",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Year",
                table: "Dialogues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CatalogueRisks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ThemeKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueRisks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ThemeKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Markdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Sources = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Indicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ThemeKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Indicators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LibraryPractices",
                columns: table => new
                {
                    ContributionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ThemeKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    OrganisationType = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Featured = table.Column<bool>(type: "INTEGER", nullable: false),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryPractices", x => x.ContributionId);
                    table.ForeignKey(
                        name: "FK_LibraryPractices_Contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "Contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskFigures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CatalogueRiskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ThemeKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Dialogues = table.Column<int>(type: "INTEGER", nullable: false),
                    Municipalities = table.Column<int>(type: "INTEGER", nullable: false),
                    MeanShare = table.Column<double>(type: "REAL", nullable: true),
                    MeanLikelihood = table.Column<double>(type: "REAL", nullable: true),
                    MeanImpact = table.Column<double>(type: "REAL", nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    SpreadShare = table.Column<double>(type: "REAL", nullable: true),
                    SpreadLikelihood = table.Column<double>(type: "REAL", nullable: true),
                    SpreadImpact = table.Column<double>(type: "REAL", nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousRank = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskFigures_CatalogueRisks_CatalogueRiskId",
                        column: x => x.CatalogueRiskId,
                        principalTable: "CatalogueRisks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskOutcomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    CatalogueRiskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ThemeKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Voters = table.Column<int>(type: "INTEGER", nullable: false),
                    Share = table.Column<double>(type: "REAL", nullable: true),
                    MeanLikelihood = table.Column<double>(type: "REAL", nullable: true),
                    MeanImpact = table.Column<double>(type: "REAL", nullable: true),
                    Municipalities = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskOutcomes_CatalogueRisks_CatalogueRiskId",
                        column: x => x.CatalogueRiskId,
                        principalTable: "CatalogueRisks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RiskOutcomes_Dialogues_DialogueId",
                        column: x => x.DialogueId,
                        principalTable: "Dialogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorValues_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Risks_CatalogueRiskId",
                table: "Risks",
                column: "CatalogueRiskId");

            migrationBuilder.CreateIndex(
                name: "IX_Dialogues_ResultsKey",
                table: "Dialogues",
                column: "ResultsKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dialogues_Status_CountedAt",
                table: "Dialogues",
                columns: new[] { "Status", "CountedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueRisks_Domain_ThemeKey",
                table: "CatalogueRisks",
                columns: new[] { "Domain", "ThemeKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Domain_ThemeKey",
                table: "Findings",
                columns: new[] { "Domain", "ThemeKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_Key",
                table: "Indicators",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorValues_IndicatorId_Year_MunicipalityCode",
                table: "IndicatorValues",
                columns: new[] { "IndicatorId", "Year", "MunicipalityCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryPractices_DialogueId",
                table: "LibraryPractices",
                column: "DialogueId");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryPractices_Domain_ThemeKey_Year",
                table: "LibraryPractices",
                columns: new[] { "Domain", "ThemeKey", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskFigures_CatalogueRiskId",
                table: "RiskFigures",
                column: "CatalogueRiskId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskFigures_Domain_ThemeKey_Year_Region_Method_CatalogueRiskId",
                table: "RiskFigures",
                columns: new[] { "Domain", "ThemeKey", "Year", "Region", "Method", "CatalogueRiskId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskOutcomes_CatalogueRiskId",
                table: "RiskOutcomes",
                column: "CatalogueRiskId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskOutcomes_DialogueId",
                table: "RiskOutcomes",
                column: "DialogueId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskOutcomes_Domain_ThemeKey_Year",
                table: "RiskOutcomes",
                columns: new[] { "Domain", "ThemeKey", "Year" });

            migrationBuilder.AddForeignKey(
                name: "FK_Risks_CatalogueRisks_CatalogueRiskId",
                table: "Risks",
                column: "CatalogueRiskId",
                principalTable: "CatalogueRisks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Risks_CatalogueRisks_CatalogueRiskId",
                table: "Risks");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "IndicatorValues");

            migrationBuilder.DropTable(
                name: "LibraryPractices");

            migrationBuilder.DropTable(
                name: "RiskFigures");

            migrationBuilder.DropTable(
                name: "RiskOutcomes");

            migrationBuilder.DropTable(
                name: "Indicators");

            migrationBuilder.DropTable(
                name: "CatalogueRisks");

            migrationBuilder.DropIndex(
                name: "IX_Risks_CatalogueRiskId",
                table: "Risks");

            migrationBuilder.DropIndex(
                name: "IX_Dialogues_ResultsKey",
                table: "Dialogues");

            migrationBuilder.DropIndex(
                name: "IX_Dialogues_Status_CountedAt",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ThemeKey",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "ThemeKey",
                table: "TemplateThemes");

            migrationBuilder.DropColumn(
                name: "Domain",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "CatalogueRiskId",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "OrganisationType",
                table: "Participants");

            migrationBuilder.DropColumn(
                name: "CountedAt",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "Domain",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ResultsKey",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ShownNationalId",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ShownNationalKind",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "Year",
                table: "Dialogues");
        }
    }
}
