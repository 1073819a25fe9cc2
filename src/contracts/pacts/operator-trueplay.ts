/** The operator → Trueplay pact: every call of reference §2a an operator makes, with its error cases. */
import { bodyOf, campaignSeenBefore, errorCodeOf, isCall, responseOf, type CapturedCall, type Json } from '../capture.js';
import { definedParams, state, type InteractionSpec, type PactSpec, type ProviderState } from '../interaction.js';

const ACCEPT = '/api/v1/accept';
const USERS = '/api/v1/users';
const DEPOSITS = '/api/v1/deposits';
const PARTICIPANTS = '/api/v1/campaigns/*/participants';
const PARTICIPANT = '/api/v1/campaigns/*/participants/*';

const userOf = (call: CapturedCall): string => String(bodyOf(call).operatorUserId ?? call.query.operatorUserId ?? call.path.split('/')[4]);
const campaignIdOf = (call: CapturedCall): number => Number(call.path.split('/')[4]);
const campaignPath = (call: CapturedCall) => call.path.replace(/^\/api\/v1\/campaigns\/\d+/, '/api/v1/campaigns/${campaignId}');
const seenBefore = (earlier: CapturedCall[], pred: (c: CapturedCall) => boolean) => earlier.some(pred);

const noUser = (operatorUserId: string) => state('no user exists', { operatorUserId });
const aUser = (operatorUserId: string, extra: Json = {}) => state('a user exists', { operatorUserId, ...extra });

/** `a campaign exists` with the campaign as the run saw it, and the participants it needs. */
function aCampaign(earlier: CapturedCall[], campaignId: number, participants: string[] = []): ProviderState {
  const seen = campaignSeenBefore(earlier, campaignId);
  if (!seen) throw new Error(`campaign ${campaignId} was not created through POST /sandbox/campaigns earlier in the scenario`);
  const { type, name, tokens, percent, period, maxUsers, status } = seen;
  return state('a campaign exists', definedParams({ type, name, tokens, percent, period, maxUsers, status: status === 'ACTIVE' ? undefined : status, participants: participants.length > 0 ? participants : undefined }));
}

/** What a success interaction pins (ids and times by type or format, numbers by value), and why an operator relies on it. */
const ok = (what: string): string => `pins ${what}.`;

/**
 * What a refusal pins: any 4xx (the status seen shown as the example), and {"error":{"code","message"}} by type.
 * An operator's client takes every 4xx with an error body as a final refusal, not to retry; the exact statuses and
 * codes are our decisions (reference §2), so a Trueplay with others must not fail.
 */
const refusal = (example: number, why: string): string => `pins any 4xx (${example} shown; ${why}) and the error body by shape, not its code.`;

/**
 * A refusal whose exact status the operator acts on: it does something for this status (takes it as done, creates
 * the user first) that it does not do for another 4xx, and the status is the only thing that tells it apart.
 */
const exactRefusal = (status: number, why: string): Pick<InteractionSpec, 'pins' | 'exactStatus'> => ({
  pins: `pins status ${status} exactly (${why}) and the error body by shape, not its code.`,
  exactStatus: true,
});

/** A call answered 401 because the X-API-KEY was missing or unknown. */
const unauthorized = (description: string, method: string, path: string): InteractionSpec => ({
  description,
  pins: refusal(401, 'the operator\'s key is wrong: fix the configuration, do not retry; any 4xx says as much'),
  pick: (call) => isCall(call, method, path, 401),
  states: () => [],
});

export const operatorTrueplayPact: PactSpec = {
  file: 'operator-trueplay.json',
  consumer: 'operator',
  provider: 'trueplay',
  answeredBy: 'trueplay',
  interactions: [
    // ---- Send Game Transaction
    {
      description: 'Send Game Transaction: a BET of a player Trueplay does not know yet',
      pins: ok('status 200 with status OK, the transactionId, the trueplayUserId (by type) and duplicate false: an operator keeps the trueplayUserId and marks the transaction delivered'),
      pick: (call, earlier) =>
        isCall(call, 'POST', ACCEPT, 200) && responseOf(call).duplicate === false && bodyOf(call).type === 'BET' &&
        !seenBefore(earlier, (c) => isCall(c, 'POST', ACCEPT, 200) && userOf(c) === userOf(call)),
      states: (call) => [noUser(userOf(call))],
    },
    {
      description: 'Send Game Transaction: the same transaction sent again',
      pins: ok('status 200 with duplicate true: an operator retrying after a lost answer learns the first one counted, and nothing was counted twice'),
      pick: (call) => isCall(call, 'POST', ACCEPT, 200) && responseOf(call).duplicate === true,
      states: (call) => [state('a game transaction was accepted', bodyOf(call))],
    },
    {
      description: 'Send Game Transaction: a transactionId sent again with a different body',
      pins: refusal(409, 'a reused transactionId is an operator bug, not something to retry, whatever the 4xx'),
      pick: (call) => isCall(call, 'POST', ACCEPT, 409),
      states: (call, earlier) => {
        const first = earlier.find((c) => isCall(c, 'POST', ACCEPT, 200) && bodyOf(c).transactionId === bodyOf(call).transactionId);
        if (!first) throw new Error(`no earlier accepted transaction ${String(bodyOf(call).transactionId)}`);
        return [state('a game transaction was accepted', bodyOf(first))];
      },
    },
    {
      description: 'Send Game Transaction: a ROLLBACK of a transaction Trueplay never accepted',
      ...exactRefusal(404, 'the only 404 of /accept, as users are created by it: there is nothing to roll back, and an operator settles its ROLLBACK as done, where another 4xx is a bug to fix'),
      pick: (call) => isCall(call, 'POST', ACCEPT, 404) && errorCodeOf(call) === 'REFERENCE_NOT_FOUND',
      states: (call) => [aUser(userOf(call))],
    },
    {
      description: 'Send Game Transaction: a body missing a required field',
      pins: refusal(400, 'a bad body is not retried, whatever the 4xx'),
      pick: (call) => isCall(call, 'POST', ACCEPT, 400),
      states: () => [],
    },
    unauthorized('Send Game Transaction: an unknown X-API-KEY', 'POST', ACCEPT),

    // ---- Get Loyalty Page
    {
      description: 'Get Loyalty Page: a link for a player',
      pins: ok('status 200 and a url on the loyalty host (by pattern): the operator opens it in an iframe'),
      pick: (call) => isCall(call, 'GET', '/api/v1/loyalty-page', 200),
      states: () => [],
    },
    {
      description: 'Get Loyalty Page: a language the page does not have',
      pins: refusal(400, 'the operator falls back to its default language on any refusal of another one'),
      pick: (call) => isCall(call, 'GET', '/api/v1/loyalty-page', 400),
      states: () => [],
    },
    unauthorized('Get Loyalty Page: no X-API-KEY', 'GET', '/api/v1/loyalty-page'),

    // ---- Get User Balance
    {
      description: 'Get User Balance: a known user',
      pins: ok('status 200 with the tokenBalance by value (the state gives the user none) and the ids'),
      pick: (call) => isCall(call, 'GET', `${USERS}/*/balance`, 200),
      states: (call) => [aUser(userOf(call))],
    },
    {
      description: 'Get User Balance: an unknown user',
      ...exactRefusal(404, 'the player has not met Trueplay yet: an operator shows no tokens and an invitation, where another 4xx is an error to show'),
      pick: (call) => isCall(call, 'GET', `${USERS}/*/balance`, 404),
      states: (call) => [noUser(userOf(call))],
    },

    // ---- Create / Update User Account
    {
      description: 'Create User Account: a new user',
      pins: ok('status 201 with the user: a new account'),
      pick: (call) => isCall(call, 'POST', USERS, 201),
      states: (call) => [noUser(userOf(call))],
    },
    {
      description: 'Create User Account: a user that already exists',
      pins: ok('status 200 with the same user: already known, no second registration award'),
      pick: (call) => isCall(call, 'POST', USERS, 200),
      states: (call) => {
        const { kyc, currency, country } = responseOf(call);
        return [aUser(userOf(call), definedParams({ kyc, currency, country }))];
      },
    },
    {
      description: 'Create User Account: a country that is not an ISO code',
      pins: refusal(400, 'a bad body is not retried, whatever the 4xx'),
      pick: (call) => isCall(call, 'POST', USERS, 400),
      states: () => [],
    },
    {
      description: 'Update User Account: KYC passed',
      pins: ok('status 200 with kyc true'),
      pick: (call) => isCall(call, 'PATCH', `${USERS}/*`, 200) && bodyOf(call).kyc === true,
      states: (call) => [aUser(userOf(call), { kyc: false, ...userAttributes(call) })],
    },
    {
      description: 'Update User Account: KYC moved back to false',
      pins: refusal(400, 'KYC cannot go back (reference §2a names 400 KYC_IRREVERSIBLE, but an operator does nothing else for it than for any other refusal)'),
      pick: (call) => isCall(call, 'PATCH', `${USERS}/*`, 400) && errorCodeOf(call) === 'KYC_IRREVERSIBLE',
      states: (call) => [aUser(userOf(call), { kyc: true })],
    },
    {
      description: 'Update User Account: an unknown user',
      ...exactRefusal(404, 'the user does not exist: an operator creates it and sends the update again, which it does for no other 4xx'),
      pick: (call) => isCall(call, 'PATCH', `${USERS}/*`, 404),
      states: (call) => [noUser(userOf(call))],
    },

    // ---- Send User Deposit
    {
      description: 'Send User Deposit: a deposit of a DEPOSIT campaign participant',
      pins: ok('status 200 with status OK and the awards (campaignId by type, tokenAmount by value): what the deposit earned'),
      pick: (call) => isCall(call, 'POST', DEPOSITS, 200) && responseOf(call).duplicate === false && awardsOf(call).length > 0,
      states: (call, earlier) => awardsOf(call).map((award) => aCampaign(earlier, Number(award.campaignId), [userOf(call)])),
    },
    {
      description: 'Send User Deposit: the same deposit sent again',
      pins: ok('status 200 with duplicate true: nothing awarded twice'),
      pick: (call) => isCall(call, 'POST', DEPOSITS, 200) && responseOf(call).duplicate === true,
      states: (call, earlier) => [
        ...awardsOf(call).map((award) => aCampaign(earlier, Number(award.campaignId), [userOf(call)])),
        state('a deposit was accepted', bodyOf(call)),
      ],
    },
    {
      description: 'Send User Deposit: a transactionId sent again with a different body',
      pins: refusal(409, 'a reused transactionId is an operator bug, whatever the 4xx'),
      pick: (call) => isCall(call, 'POST', DEPOSITS, 409),
      states: (call, earlier) => {
        const first = earlier.find((c) => isCall(c, 'POST', DEPOSITS, 200) && bodyOf(c).transactionId === bodyOf(call).transactionId);
        if (!first) throw new Error(`no earlier accepted deposit ${String(bodyOf(call).transactionId)}`);
        return [state('a deposit was accepted', bodyOf(first))];
      },
    },
    {
      description: 'Send User Deposit: an unknown user',
      ...exactRefusal(404, 'deposits need a user Trueplay knows: an operator creates the user and sends the deposit again, which it does for no other 4xx'),
      pick: (call) => isCall(call, 'POST', DEPOSITS, 404),
      states: (call) => [noUser(userOf(call))],
    },

    // ---- Marketing campaigns
    {
      description: 'Get marketing campaigns: the active campaigns',
      pins: ok('status 200 with items: each campaign by shape, ids by type, numbers by value'),
      pick: (call) => isCall(call, 'GET', '/api/v1/campaigns', 200) && itemsOf(call).length > 0,
      states: (call, earlier) => itemsOf(call).map((item) => aCampaign(earlier, Number(item.id))),
    },
    {
      description: 'Get marketing campaign participants: a campaign with a participant',
      pins: ok('status 200 with the participant page: operatorUserId exact, trueplayUserId and addedAt by type and format, total/limit/offset by value'),
      pick: (call) => isCall(call, 'GET', PARTICIPANTS, 200) && itemsOf(call).length > 0,
      states: (call, earlier) => [aCampaign(earlier, campaignIdOf(call), itemsOf(call).map((p) => String(p.operatorUserId)))],
      pathFromState: campaignPath,
    },
    {
      description: 'Get marketing campaign participants: an unknown campaign',
      pins: refusal(404, 'no such campaign: an operator shows no participants on any refusal'),
      pick: (call) => isCall(call, 'GET', PARTICIPANTS, 404),
      states: (call) => [state('no campaign exists', { campaignId: campaignIdOf(call) })],
    },
    {
      description: 'Assign users to the marketing campaign: a known user',
      pins: ok('status 200 with added and alreadyPresent: which users were added'),
      pick: (call) => isCall(call, 'POST', PARTICIPANTS, 200) && (responseOf(call).added as unknown[] | undefined)?.length === 1,
      states: (call, earlier) => [
        ...((bodyOf(call).operatorUserIds as string[]) ?? []).map((id) => aUser(id)),
        aCampaign(earlier, campaignIdOf(call)),
      ],
      pathFromState: campaignPath,
    },
    {
      description: 'Assign users to the marketing campaign: a campaign that is not ACTIVE',
      pins: refusal(409, 'users can be added only while the campaign is ACTIVE (reference names 409 CAMPAIGN_NOT_ACTIVE; an operator stops assigning on any refusal)'),
      pick: (call) => isCall(call, 'POST', PARTICIPANTS, 409),
      states: (call, earlier) => [...((bodyOf(call).operatorUserIds as string[]) ?? []).map((id) => aUser(id)), aCampaign(earlier, campaignIdOf(call))],
      pathFromState: campaignPath,
    },
    {
      description: 'Assign users to the marketing campaign: an unknown user',
      pins: refusal(404, 'the user must exist first; an unknown campaign is a 404 too, so an operator cannot act on the status here'),
      pick: (call) => isCall(call, 'POST', PARTICIPANTS, 404) && errorCodeOf(call) === 'USER_NOT_FOUND',
      states: (call, earlier) => [aCampaign(earlier, campaignIdOf(call))],
      pathFromState: campaignPath,
    },
    {
      description: 'Delete user from the marketing campaign: a participant',
      pins: ok('status 204, no body'),
      pick: (call) => isCall(call, 'DELETE', PARTICIPANT, 204),
      states: (call, earlier) => [aCampaign(earlier, campaignIdOf(call), [String(call.path.split('/')[6])])],
      pathFromState: campaignPath,
    },
    {
      description: 'Delete user from the marketing campaign: a user who is not a participant',
      ...exactRefusal(404, 'not a participant: an operator takes the removal as done, where another 4xx is an error'),
      pick: (call) => isCall(call, 'DELETE', PARTICIPANT, 404),
      states: (call, earlier) => [aUser(String(call.path.split('/')[6])), aCampaign(earlier, campaignIdOf(call))],
      pathFromState: campaignPath,
    },
  ],
};

function awardsOf(call: CapturedCall): Json[] {
  const awards = responseOf(call).awards;
  return Array.isArray(awards) ? (awards as Json[]) : [];
}

function itemsOf(call: CapturedCall): Json[] {
  const items = responseOf(call).items;
  return Array.isArray(items) ? (items as Json[]) : [];
}

/** currency and country as the user answer showed them, so the state makes the same user. */
function userAttributes(call: CapturedCall): Json {
  const { currency, country } = responseOf(call);
  return definedParams({ currency, country });
}

