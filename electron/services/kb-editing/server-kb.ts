// Editing the knowledge base and reading its feedback: straight to the central server (versions and
// conflicts live there); the saved article then reaches every replica through the feed.
import {
  API,
  apiPath,
  ArticleSaved,
  ArticleVersionsResponse,
  FeedbackSummary,
  type KbSaveArticleInput,
} from '../../../contract/index.ts';
import { createServerApi, type ServerApiOptions } from '../session/server-api.ts';

export function createServerKb(opts: ServerApiOptions) {
  const api = createServerApi(opts, 'knowledge base');
  return {
    save(input: KbSaveArticleInput): Promise<ArticleSaved> {
      return input.kind === 'create'
        ? api.call('POST', API.articles, ArticleSaved, input.draft)
        : api.call('PUT', apiPath(API.article, { id: input.id }), ArticleSaved, input.update);
    },
    history(id: string): Promise<ArticleVersionsResponse> {
      return api.call('GET', apiPath(API.articleVersions, { id }), ArticleVersionsResponse);
    },
    feedback(days: number): Promise<FeedbackSummary> {
      return api.call('GET', `${API.kbFeedback}?days=${days}`, FeedbackSummary);
    },
  };
}
