// SPDX-License-Identifier: LGPL-2.1-or-later
// DOMException, Event, EventTarget, AbortController and AbortSignal of the
// GJS Fetch module, against the DOM Standard as browsers implement it.

import {
    AbortController, AbortSignal, DOMException, Event, EventTarget, cancellableForSignal,
} from '../../bindings/gjs/fetch.js';
import {test, done, assert, assertEq, assertIs, assertThrows, delay} from './harness.js';

await test('DOMException', () => {
    const e = new DOMException('boom', 'AbortError');
    assert(e instanceof Error, 'a DOMException is an Error');
    assertEq(e.name, 'AbortError');
    assertEq(e.message, 'boom');
    assertEq(e.code, 20);
    assertEq(String(e), 'AbortError: boom');
    assertEq(new DOMException('t', 'TimeoutError').code, 23);
    assertEq(new DOMException('x', 'NotAnError').code, 0);
    const d = new DOMException();
    assertEq([d.name, d.message, d.code], ['Error', '', 0]);
    assertEq(DOMException.ABORT_ERR, 20);
    assertEq(DOMException.TIMEOUT_ERR, 23);
    assertEq(DOMException.INDEX_SIZE_ERR, 1);
    assertEq(DOMException.DATA_CLONE_ERR, 25);
    assertEq(Object.prototype.toString.call(e), '[object DOMException]');
});

await test('Event', () => {
    assertThrows(() => new Event(), TypeError);
    const e = new Event('ping', {cancelable: true, bubbles: true});
    assertEq([e.type, e.bubbles, e.cancelable, e.composed, e.defaultPrevented], ['ping', true, true, false, false]);
    assertIs(e.isTrusted, false);
    assertIs(e.target, null);
    assertIs(e.currentTarget, null);
    assertEq(e.eventPhase, Event.NONE);
    assert(typeof e.timeStamp === 'number');
    e.preventDefault();
    assertIs(e.defaultPrevented, true);
    assertIs(e.returnValue, false);
    const n = new Event('x');
    n.preventDefault();              // not cancelable: no effect
    assertIs(n.defaultPrevented, false);
    assertEq([Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE], [0, 1, 2, 3]);
    assertEq(n.composedPath(), []);
    n.initEvent('renamed', true, true);
    assertEq([n.type, n.bubbles, n.cancelable], ['renamed', true, true]);
    n.returnValue = false;
    assertIs(n.defaultPrevented, true);
    assertIs(n.cancelBubble, false);
    n.stopPropagation();
    assertIs(n.cancelBubble, true);
    const target = new EventTarget();
    let seen = null;
    target.addEventListener('t', e => {
        seen = [e.srcElement === target, e.composedPath().length, e.currentTarget === target];
    });
    target.dispatchEvent(new Event('t'));
    assertEq(seen, [true, 1, true]);
    const dispatched = new Event('t');
    target.dispatchEvent(dispatched);
    assertIs(dispatched.target, target);
});

await test('EventTarget listeners: order, once, capture, dedupe, handleEvent', () => {
    const target = new EventTarget();
    const log = [];
    const a = e => log.push(`a:${e.type}:${e.eventPhase}:${e.target === target}`);
    target.addEventListener('x', a);
    target.addEventListener('x', a);     // same listener: added once
    target.addEventListener('x', () => log.push('once'), {once: true});
    target.addEventListener('x', {handleEvent: () => log.push('object')});
    target.addEventListener('x', () => log.push('capture'), true);
    target.addEventListener('x', null);  // ignored
    const event = new Event('x');
    assertIs(target.dispatchEvent(event), true);
    target.dispatchEvent(new Event('x'));
    assertEq(log, ['capture', 'a:x:2:true', 'once', 'object', 'capture', 'a:x:2:true', 'object']);
    assertIs(event.currentTarget, null);
    assertEq(event.eventPhase, 0);
    target.removeEventListener('x', a);
    log.length = 0;
    target.dispatchEvent(new Event('x'));
    assertEq(log, ['capture', 'object']);
    assertThrows(() => target.addEventListener('x'), TypeError);
    assertThrows(() => target.dispatchEvent({}), TypeError);
});

await test('EventTarget: stopImmediatePropagation, preventDefault, listener signal', () => {
    const target = new EventTarget();
    const log = [];
    target.addEventListener('x', e => {
        log.push(1);
        e.preventDefault();
        e.stopImmediatePropagation();
    });
    target.addEventListener('x', () => log.push(2));
    assertIs(target.dispatchEvent(new Event('x', {cancelable: true})), false);
    assertEq(log, [1]);
    const controller = new AbortController();
    const other = new EventTarget();
    other.addEventListener('y', () => log.push('y'), {signal: controller.signal});
    controller.abort();
    other.dispatchEvent(new Event('y'));
    assertEq(log, [1]);
    other.addEventListener('y', () => log.push('late'), {signal: controller.signal});
    other.dispatchEvent(new Event('y'));
    assertEq(log, [1]);
});

await test('an exception in a listener does not stop the others', () => {
    const target = new EventTarget();
    const log = [];
    // The exception is reported on the console (stderr), as browsers do.
    target.addEventListener('x', () => {
        log.push('first');
        throw new Error('expected listener failure (reported, not thrown)');
    });
    target.addEventListener('x', () => log.push('second'));
    assertIs(target.dispatchEvent(new Event('x')), true);
    assertEq(log, ['first', 'second']);
});

await test('AbortController.abort() with and without a reason', () => {
    const controller = new AbortController();
    const {signal} = controller;
    assertIs(controller.signal, signal);
    assertIs(signal.aborted, false);
    assertIs(signal.reason, undefined);
    signal.throwIfAborted();
    const log = [];
    signal.onabort = e => log.push(`onabort:${e.type}:${e.isTrusted}`);
    signal.addEventListener('abort', () => log.push('listener'));
    controller.abort();
    assertIs(signal.aborted, true);
    assert(signal.reason instanceof DOMException);
    assertEq(signal.reason.name, 'AbortError');
    assertEq(log, ['onabort:abort:true', 'listener']);
    controller.abort('again');       // a second abort does nothing
    assertEq(signal.reason.name, 'AbortError');
    assertEq(log.length, 2);
    const thrown = assertThrows(() => signal.throwIfAborted(), DOMException, 'AbortError');
    assertIs(thrown, signal.reason);

    const c2 = new AbortController();
    const reason = {why: 'custom'};
    c2.abort(reason);
    assertIs(c2.signal.reason, reason);
    try {
        c2.signal.throwIfAborted();
    } catch (e) {
        assertIs(e, reason);
    }
});

await test('onabort: set, replace, clear', () => {
    const controller = new AbortController();
    const {signal} = controller;
    const log = [];
    assertIs(signal.onabort, null);
    signal.onabort = () => log.push('first');
    signal.onabort = () => log.push('second');
    signal.onabort = null;
    assertIs(signal.onabort, null);
    const h = () => log.push('third');
    signal.onabort = h;
    assertIs(signal.onabort, h);
    controller.abort();
    assertEq(log, ['third']);
});

await test('AbortSignal cannot be constructed', () => {
    assertThrows(() => new AbortSignal(), TypeError);
});

await test('AbortSignal.abort()', () => {
    const s = AbortSignal.abort();
    assertIs(s.aborted, true);
    assertEq(s.reason.name, 'AbortError');
    const r = new Error('mine');
    assertIs(AbortSignal.abort(r).reason, r);
    assertIs(AbortSignal.abort(null).reason, null);
});

await test('AbortSignal.timeout() aborts with a TimeoutError', async () => {
    const s = AbortSignal.timeout(20);
    assertIs(s.aborted, false);
    let fired = 0;
    s.addEventListener('abort', () => fired++);
    await delay(80);
    assertIs(s.aborted, true);
    assert(s.reason instanceof DOMException);
    assertEq(s.reason.name, 'TimeoutError');
    assertEq(fired, 1);
    assertThrows(() => AbortSignal.timeout(-1), TypeError);
    assertThrows(() => AbortSignal.timeout(Infinity), TypeError);
    assertThrows(() => AbortSignal.timeout(), TypeError);
});

await test('AbortSignal.any()', () => {
    const a = new AbortController(), b = new AbortController();
    const any = AbortSignal.any([a.signal, b.signal]);
    assertIs(any.aborted, false);
    const nested = AbortSignal.any([any]);
    const log = [];
    any.addEventListener('abort', () => log.push('any'));
    nested.addEventListener('abort', () => log.push('nested'));
    a.signal.addEventListener('abort', () => log.push('a'));
    b.abort('b reason');
    assertIs(any.aborted, true);
    assertEq(any.reason, 'b reason');
    assertEq(nested.reason, 'b reason');
    assertEq(log, ['any', 'nested']);
    assertIs(a.signal.aborted, false);
    // An already aborted input gives an aborted signal with its reason.
    const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort('early')]);
    assertIs(pre.aborted, true);
    assertEq(pre.reason, 'early');
    assertIs(AbortSignal.any([]).aborted, false);
    assertThrows(() => AbortSignal.any([{}]), TypeError);
    assertThrows(() => AbortSignal.any(), TypeError);
});

await test('cancellableForSignal() maps an AbortSignal to a Gio.Cancellable', () => {
    const controller = new AbortController();
    const cancellable = cancellableForSignal(controller.signal);
    assertIs(cancellableForSignal(controller.signal), cancellable);
    assertIs(cancellable.is_cancelled(), false);
    controller.abort();
    assertIs(cancellable.is_cancelled(), true);
    assertIs(cancellableForSignal(AbortSignal.abort()).is_cancelled(), true);
});

done();
