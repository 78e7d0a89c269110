// Knowledge questions ("wie heeft ervaring met …?"): a question to all
// teams, answers from any professional, and the asker (only) marks the most
// helpful answer, which is shown first; the mark can be changed. Same
// readers as the success stories wall (migration 0017, docs/decisions/0007);
// the privacy guard runs on every question and answer before it is saved.
import { ForbiddenError } from "@casl/ability";
import { as } from "@wijkwerk/authz";
import { and, asc, desc, eq, isNotNull, isNull, KNOWLEDGE_THEMES, knowledgeAnswers, knowledgeQuestions, sql, users, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { type UseCaseContext, invalidInput, notFound, renderMarkdown } from "../common";
import { workgroupMessages } from "./messages";
import { insertNotices } from "../notifications";
import type { KnowledgeTheme } from "./success-stories";
import { guardPersonalData, workgroupScope } from "./workgroups";

export const QUESTIONS_PAGE_SIZE = 20;

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const questionInput = z.object({
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(10_000),
  theme: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(KNOWLEDGE_THEMES).optional()),
  confirmNoPersonalData: checkbox.default(false),
});

export const answerInput = z.object({
  body: z.string().trim().min(1).max(10_000),
  confirmNoPersonalData: checkbox.default(false),
});

export type QuestionStatus = "open" | "answered";

/** The CASL subject of a question (the asker marks the most helpful answer: 'update'). */
export const questionSubject = (q: { municipalityId: string; authorId: string }) =>
  as("KnowledgeQuestion", { municipalityId: q.municipalityId, authorId: q.authorId });

function requireReader(ctx: UseCaseContext) {
  if (!ctx.ability.can("read", as("KnowledgeQuestion", { municipalityId: ctx.actor.municipalityId }))) throw notFound();
}

/** Questions, newest first; "open" = no most helpful answer marked yet, "answered" = marked. */
export async function listQuestions(ctx: UseCaseContext, opts: { page?: number; status?: string } = {}) {
  requireReader(ctx);
  const page = Math.max(1, opts.page ?? 1);
  const status: QuestionStatus | null = opts.status === "open" || opts.status === "answered" ? opts.status : null;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const where = status === "open" ? isNull(knowledgeQuestions.bestAnswerId) : status === "answered" ? isNotNull(knowledgeQuestions.bestAnswerId) : undefined;
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(knowledgeQuestions)
      .where(where);
    const rows = await tx
      .select({
        id: knowledgeQuestions.id,
        title: knowledgeQuestions.title,
        theme: knowledgeQuestions.theme,
        authorName: users.name,
        createdAt: knowledgeQuestions.createdAt,
        answered: sql<boolean>`${knowledgeQuestions.bestAnswerId} is not null`,
        answers: sql<number>`(select count(*)::int from knowledge_answers a where a.question_id = knowledge_questions.id)`,
      })
      .from(knowledgeQuestions)
      .innerJoin(users, eq(users.id, knowledgeQuestions.authorId))
      .where(where)
      .orderBy(desc(knowledgeQuestions.createdAt), desc(knowledgeQuestions.id))
      .limit(QUESTIONS_PAGE_SIZE)
      .offset((page - 1) * QUESTIONS_PAGE_SIZE);
    return {
      items: rows.map((r) => ({ ...r, theme: r.theme as KnowledgeTheme | null })),
      status,
      page,
      pages: Math.max(1, Math.ceil(total / QUESTIONS_PAGE_SIZE)),
      total,
      canAsk: ctx.ability.can("create", as("KnowledgeQuestion", { municipalityId: ctx.actor.municipalityId })),
    };
  });
}

export interface AnswerView {
  id: string;
  authorName: string;
  createdAt: Date;
  /** Safe HTML (renderMarkdown). */
  html: string;
  best: boolean;
}

async function loadQuestion(tx: Tx, questionId: string) {
  const [q] = await tx
    .select({
      id: knowledgeQuestions.id,
      municipalityId: knowledgeQuestions.municipalityId,
      authorId: knowledgeQuestions.authorId,
      authorName: users.name,
      authorEmail: users.email,
      title: knowledgeQuestions.title,
      body: knowledgeQuestions.body,
      theme: knowledgeQuestions.theme,
      bestAnswerId: knowledgeQuestions.bestAnswerId,
      createdAt: knowledgeQuestions.createdAt,
    })
    .from(knowledgeQuestions)
    .innerJoin(users, eq(users.id, knowledgeQuestions.authorId))
    .where(eq(knowledgeQuestions.id, questionId));
  if (!q) throw notFound();
  return q;
}

/** A question with its answers: the most helpful first, then oldest first. */
export async function getQuestion(ctx: UseCaseContext, questionId: string) {
  requireReader(ctx);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const q = await loadQuestion(tx, questionId);
    const answers = await tx
      .select({ id: knowledgeAnswers.id, authorName: users.name, createdAt: knowledgeAnswers.createdAt, body: knowledgeAnswers.body })
      .from(knowledgeAnswers)
      .innerJoin(users, eq(users.id, knowledgeAnswers.authorId))
      .where(eq(knowledgeAnswers.questionId, q.id))
      .orderBy(asc(knowledgeAnswers.createdAt), asc(knowledgeAnswers.id));
    const views: AnswerView[] = answers.map((a) => ({
      id: a.id,
      authorName: a.authorName,
      createdAt: a.createdAt,
      html: renderMarkdown(a.body),
      best: a.id === q.bestAnswerId,
    }));
    views.sort((a, b) => Number(b.best) - Number(a.best));
    return {
      question: {
        id: q.id,
        title: q.title,
        theme: q.theme as KnowledgeTheme | null,
        authorName: q.authorName,
        createdAt: q.createdAt,
        html: renderMarkdown(q.body),
        answered: q.bestAnswerId !== null,
      },
      answers: views,
      can: {
        answer: ctx.ability.can("create", as("KnowledgeAnswer", { municipalityId: q.municipalityId })),
        markBest: ctx.ability.can("update", questionSubject(q)),
      },
    };
  });
}

export async function askQuestion(ctx: UseCaseContext, raw: unknown) {
  requireReader(ctx);
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("KnowledgeQuestion", { municipalityId: ctx.actor.municipalityId }));
  const parsed = questionInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: `${input.title}\n\n${input.body}`,
      field: "body",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "knowledge_question",
      objectId: id,
      workgroupId: null,
    });
    await tx.insert(knowledgeQuestions).values({
      id,
      municipalityId: ctx.actor.municipalityId,
      authorId: ctx.actor.userId,
      theme: input.theme ?? null,
      title: input.title,
      body: input.body,
    } as typeof knowledgeQuestions.$inferInsert);
    return { id };
  });
}

/** An answer from any professional (or the admin); the asker is told (in the app and by e-mail). */
export async function answerQuestion(ctx: UseCaseContext, questionId: string, raw: unknown) {
  requireReader(ctx);
  const parsed = answerInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const q = await loadQuestion(tx, questionId);
    ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("KnowledgeAnswer", { municipalityId: q.municipalityId }));
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: input.body,
      field: "body",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "knowledge_answer",
      objectId: id,
      workgroupId: null,
    });
    await tx
      .insert(knowledgeAnswers)
      .values({ id, municipalityId: q.municipalityId, questionId: q.id, authorId: ctx.actor.userId, body: input.body } as typeof knowledgeAnswers.$inferInsert);
    if (q.authorId !== ctx.actor.userId) {
      const text = workgroupMessages.questionAnswered(ctx.actor.name, q.title);
      await insertNotices(tx, q.municipalityId, [
        {
          recipient: { id: q.authorId, email: q.authorEmail, name: q.authorName },
          spendId: null,
          kind: "knowledge_answer",
          text,
          link: `/vragen/${q.id}#antwoord-${id}`,
          subject: workgroupMessages.questionAnsweredMailSubject,
        },
      ]);
    }
    return { id };
  });
}

/** The asker marks an answer as the most helpful (or changes the mark; null removes it). */
export async function markBestAnswer(ctx: UseCaseContext, questionId: string, answerId: string | null) {
  requireReader(ctx);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const q = await loadQuestion(tx, questionId);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", questionSubject(q));
    if (answerId) {
      const [a] = await tx
        .select({ id: knowledgeAnswers.id })
        .from(knowledgeAnswers)
        .where(and(eq(knowledgeAnswers.id, answerId), eq(knowledgeAnswers.questionId, q.id)));
      if (!a) throw notFound();
    }
    await tx.update(knowledgeQuestions).set({ bestAnswerId: answerId }).where(eq(knowledgeQuestions.id, q.id));
    return { bestAnswerId: answerId };
  });
}
