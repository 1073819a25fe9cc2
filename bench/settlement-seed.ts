/**
 * Seeds a sandbox database for the settlement benchmark: 10,000 users and 1,000,000 game transactions in one
 * UTC day, a 10 % daily cashback campaign, and the clock frozen inside that day. Run as its own process.
 */
import { addDemoOperator } from '../src/trueplay/services/operators.js';
import { openDatabase } from '../src/store/database.js';
import { unitOfWorkOf } from '../src/store/unit-of-work.js';
import { createTrueplayStore } from '../src/store/trueplay-store.js';
import { Decimal, toAmountUnits } from '../src/domain/money.js';
import { SETTLEMENT_DAY_START } from './lib/settlement-day.js';

const [file, usersArg, transactionsArg] = process.argv.slice(2);
const users = Number(usersArg ?? 10_000);
const transactions = Number(transactionsArg ?? 1_000_000);
const dayStart = SETTLEMENT_DAY_START;

const db = openDatabase(file!);
const store = createTrueplayStore(db);
store.run(() => {
  addDemoOperator(store, { apiKey: 'demo-api-key', secretKey: 'demo-secret-key', callbackBaseUrl: null }, dayStart);
  store.insertCampaign({
    operatorId: 1, name: 'Daily cashback', type: 'CASHBACK', status: 'ACTIVE', tokens: null, percent: new Decimal(10),
    period: 'DAILY', startsAt: dayStart, endsAt: null, maxUsers: null, createdAt: dayStart,
  });
  for (let u = 0; u < users; u += 1) {
    store.insertUser({ operatorId: 1, operatorUserId: `player-${u}`, trueplayUserId: `tp-${u}`, kyc: false, currency: 'USD', country: null, createdAt: dayStart });
  }
});
const amounts = ['1.25', '5', '0.5', '12.75'].map((a) => new Decimal(a));
const batch = 50_000;
for (let start = 0; start < transactions; start += batch) {
  store.run(() => {
    for (let i = start; i < Math.min(start + batch, transactions); i += 1) {
      const amount = amounts[i % amounts.length]!;
      const type = i % 3 === 2 ? 'WIN' : 'BET';
      const at = dayStart + 1000 + (i % 80_000_000);
      store.insertGameTransaction({
        operatorId: 1, transactionId: `tx-${i}`, userId: (i % users) + 1, type, gameType: 'Slot', referenceTransactionId: null,
        currency: 'USD', amount: { text: amount.toString(), units: toAmountUnits(amount) }, bodyJson: `{"n":${i}}`, receivedAt: at, countedAt: at, tokenUnits: 0,
      });
    }
  });
}
store.run(() => store.putSetting('clock.frozenAt', String(dayStart + 23 * 3600_000)));
// The store commits in groups on the next event-loop turn; this script is synchronous, so commit before closing.
unitOfWorkOf(db).flush();
db.close();
console.log(JSON.stringify({ users, transactions }));
