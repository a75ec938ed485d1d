using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Coaching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PracticeCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Difficulty = table.Column<int>(type: "INTEGER", nullable: false),
                    World = table.Column<int>(type: "INTEGER", nullable: false),
                    Objection = table.Column<int>(type: "INTEGER", nullable: true),
                    Situation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CustomerSays = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TrainerNotes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PersonaJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReferenceJson = table.Column<string>(type: "TEXT", nullable: false),
                    FromCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeCases_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PracticeSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    HostId = table.Column<string>(type: "TEXT", nullable: true),
                    TimeLimitSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevealedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeSessions_AspNetUsers_HostId",
                        column: x => x.HostId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PracticeSessions_PracticeCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PracticeCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PracticeAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TraineeId = table.Column<string>(type: "TEXT", nullable: false),
                    PickedProductIds = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Pitch = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SecondsTaken = table.Column<int>(type: "INTEGER", nullable: false),
                    TimedOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    Relevance = table.Column<int>(type: "INTEGER", nullable: false),
                    Personalisation = table.Column<int>(type: "INTEGER", nullable: false),
                    Transparency = table.Column<int>(type: "INTEGER", nullable: false),
                    Pressure = table.Column<int>(type: "INTEGER", nullable: false),
                    Timing = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeAnswers_AspNetUsers_TraineeId",
                        column: x => x.TraineeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PracticeAnswers_PracticeSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "PracticeSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAnswers_SessionId_TraineeId",
                table: "PracticeAnswers",
                columns: new[] { "SessionId", "TraineeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAnswers_TraineeId_SubmittedAt",
                table: "PracticeAnswers",
                columns: new[] { "TraineeId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeCases_CreatedById",
                table: "PracticeCases",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeCases_World_Difficulty",
                table: "PracticeCases",
                columns: new[] { "World", "Difficulty" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeSessions_CaseId",
                table: "PracticeSessions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeSessions_Code",
                table: "PracticeSessions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeSessions_HostId",
                table: "PracticeSessions",
                column: "HostId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PracticeAnswers");

            migrationBuilder.DropTable(
                name: "PracticeSessions");

            migrationBuilder.DropTable(
                name: "PracticeCases");
        }
    }
}
