/**
 * AI services: the clients of hosted models — OpenAI, Anthropic, Google GenAI (and the older
 * Gemini and Vertex AI SDKs), Mistral, the Vercel AI SDK, LangChain — and which argument or option
 * of each call is the prompt sent to the provider. Read by `no-patient-data-to-third-party`.
 */
import { byMethod, byPathEnd, FIRST, type SentData, type ThirdPartyService } from './third-party';

/** An options object whose keys hold the prompt. */
const prompt = (...keys: string[]): SentData => ({ options: { arg: 0, keys } });

/** Chat messages and instructions: the keys of a chat request that carry text to the model. */
const CHAT = prompt('messages', 'system', 'instructions', 'input', 'prompt');

export const AI_SERVICES: readonly ThirdPartyService[] = [
  {
    // openai (github.com/openai/openai-node): `client.chat.completions.create({ messages })`,
    // `.parse`, `.stream`; `client.responses.create({ input, instructions })`;
    // `client.completions.create({ prompt })`; `client.embeddings.create({ input })`. AzureOpenAI
    // comes from the same module.
    service: 'OpenAI',
    kind: 'AI model',
    modules: ['openai'],
    hosts: ['api.openai.com'],
    sends: byPathEnd({
      'chat.completions.create': CHAT,
      'chat.completions.parse': CHAT,
      'chat.completions.stream': CHAT,
      'beta.chat.completions.parse': CHAT,
      'beta.chat.completions.stream': CHAT,
      'responses.create': CHAT,
      'responses.stream': CHAT,
      'completions.create': CHAT,
      'embeddings.create': CHAT,
    }),
  },
  {
    // @anthropic-ai/sdk: `client.messages.create({ system, messages })`, `messages.stream(…)`,
    // `beta.messages.create(…)`, `messages.countTokens(…)` (docs.anthropic.com, TypeScript SDK).
    service: 'Anthropic',
    kind: 'AI model',
    modules: ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'],
    hosts: ['api.anthropic.com'],
    sends: byPathEnd({
      'messages.create': CHAT,
      'messages.stream': CHAT,
      'beta.messages.create': CHAT,
      'completions.create': CHAT,
    }),
  },
  {
    // @google/genai: `ai.models.generateContent({ model, contents, config })`,
    // `generateContentStream`, `embedContent({ contents })`, `ai.chats.create({ history })
    // .sendMessage({ message })` (googleapis.github.io/js-genai).
    service: 'Google Gemini',
    kind: 'AI model',
    modules: ['@google/genai'],
    sends: byPathEnd({
      'models.generateContent': prompt('contents', 'config'),
      'models.generateContentStream': prompt('contents', 'config'),
      'models.embedContent': prompt('contents'),
      'chats.create': prompt('history', 'config'),
      sendMessage: prompt('message'),
      sendMessageStream: prompt('message'),
    }),
  },
  {
    // @google/generative-ai and @google-cloud/vertexai: `getGenerativeModel({ model })
    // .generateContent(request)` (a string, parts or `{ contents }`), `generateContentStream`,
    // `startChat({ history }).sendMessage(message)`.
    service: 'Google Gemini',
    kind: 'AI model',
    modules: ['@google/generative-ai', '@google-cloud/vertexai'],
    // The Gemini API and Vertex AI's REST endpoints (`…/models/{model}:generateContent`).
    hosts: ['generativelanguage.googleapis.com', 'aiplatform.googleapis.com'],
    sends: byMethod(
      {
        generateContent: FIRST,
        generateContentStream: FIRST,
        startChat: FIRST,
        sendMessage: FIRST,
        sendMessageStream: FIRST,
        embedContent: FIRST,
      },
      { instance: true },
    ),
  },
  {
    // @mistralai/mistralai: `new Mistral({ apiKey }).chat.complete({ messages })`, `chat.stream`,
    // `fim.complete({ prompt })`, `embeddings.create({ inputs })`, `agents.complete({ messages })`.
    service: 'Mistral',
    kind: 'AI model',
    modules: ['@mistralai/mistralai'],
    hosts: ['api.mistral.ai'],
    sends: byPathEnd({
      'chat.complete': CHAT,
      'chat.stream': CHAT,
      'fim.complete': CHAT,
      'agents.complete': CHAT,
      'embeddings.create': prompt('inputs'),
    }),
  },
  {
    // Vercel AI SDK (`ai`): `generateText({ system, prompt, messages })`, `streamText`,
    // `generateObject`, `streamObject`, `embed({ value })`, `embedMany({ values })`
    // (ai-sdk.dev/docs/reference/ai-sdk-core).
    service: 'the AI SDK model',
    kind: 'AI model',
    modules: ['ai'],
    sends: byMethod({
      generateText: CHAT,
      streamText: CHAT,
      generateObject: CHAT,
      streamObject: CHAT,
      embed: prompt('value'),
      embedMany: prompt('values'),
    }),
  },
  {
    // LangChain (js.langchain.com): every runnable — a chat model (`new ChatOpenAI()`,
    // `new ChatAnthropic()`), a chain (`prompt.pipe(model)`) — takes its input in `invoke(input)`,
    // `stream(input)`, `batch(inputs)`; legacy `call`, `predict`, `generate`.
    service: 'the LangChain model',
    kind: 'AI model',
    modules: ['langchain', 'langchain/', '@langchain/'],
    sends: byMethod(
      {
        invoke: FIRST,
        stream: FIRST,
        batch: FIRST,
        call: FIRST,
        predict: FIRST,
        predictMessages: FIRST,
        generate: FIRST,
      },
      { instance: true },
    ),
  },
];
