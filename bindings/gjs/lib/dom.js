// SPDX-License-Identifier: LGPL-2.1-or-later
// dom.js: the parts of the DOM Standard the Fetch API leans on, for
// runtimes that lack them (GJS 1.74 has none): DOMException, Event,
// EventTarget, AbortController and AbortSignal (DOM §2 and §3.1-3.2).
// Where the runtime has its own, the module uses it instead.

import Gio from 'gi://Gio';

import {
    defineToStringTag, isCallable, requireArgs, toBoolean, toDOMString,
    toDictionary, toEnforcedUnsignedLongLong,
} from './webidl.js';

// A token only this module has, for constructors that are "illegal" for
// scripts but used internally (AbortSignal).
const kInternal = Symbol('internal');

/* DOMException (Web IDL §2.8.1) */

const legacyCodes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4,
    InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8,
    NotSupportedError: 9, InUseAttributeError: 10, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18,
    NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22,
    TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};

const domExceptionData = new WeakMap();

class DOMExceptionImpl extends Error {
    constructor(message = '', name = 'Error') {
        super(toDOMString(message));
        domExceptionData.set(this, {
            name: toDOMString(name),
            message: toDOMString(message),
        });
    }

    get name() {
        const data = domExceptionData.get(this);
        if (data === undefined)
            throw new TypeError('DOMException.name getter called on a wrong object.');
        return data.name;
    }

    get message() {
        const data = domExceptionData.get(this);
        if (data === undefined)
            throw new TypeError('DOMException.message getter called on a wrong object.');
        return data.message;
    }

    get code() {
        const data = domExceptionData.get(this);
        if (data === undefined)
            throw new TypeError('DOMException.code getter called on a wrong object.');
        return legacyCodes[data.name] ?? 0;
    }
}
Object.defineProperty(DOMExceptionImpl, 'name', {value: 'DOMException'});
const legacyConstants = [
    'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR',
    'INVALID_CHARACTER_ERR', 'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR',
    'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR', 'INVALID_STATE_ERR',
    'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR',
    'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR',
    'URL_MISMATCH_ERR', 'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR',
    'DATA_CLONE_ERR',
];
legacyConstants.forEach((key, i) => {
    for (const target of [DOMExceptionImpl, DOMExceptionImpl.prototype])
        Object.defineProperty(target, key, {value: i + 1, enumerable: true});
});
defineToStringTag(DOMExceptionImpl, 'DOMException');

/** The runtime's DOMException, or ours. */
export const DOMException = globalThis.DOMException ?? DOMExceptionImpl;

/** Creates a DOMException (ours or the runtime's). */
export function newDOMException(message, name) {
    return new DOMException(message, name);
}

/* Event (DOM §2.2) */

const eventData = new WeakMap();

function eventState(event) {
    const data = eventData.get(event);
    if (data === undefined)
        throw new TypeError('Not an Event.');
    return data;
}

export class Event {
    constructor(type, eventInitDict = undefined) {
        requireArgs(arguments.length, 1, 'Event constructor');
        const init = toDictionary(eventInitDict, 'EventInit');
        eventData.set(this, {
            type: toDOMString(type),
            bubbles: toBoolean(init.bubbles),
            cancelable: toBoolean(init.cancelable),
            composed: toBoolean(init.composed),
            target: null,
            currentTarget: null,
            eventPhase: 0,
            canceled: false,
            inPassiveListener: false,
            stopPropagation: false,
            stopImmediatePropagation: false,
            dispatch: false,
            initialized: true,
            timeStamp: Date.now(),
        });
        // isTrusted is an [LegacyUnforgeable] own property.
        Object.defineProperty(this, 'isTrusted', {
            get: isTrustedGetter, enumerable: true, configurable: false,
        });
    }

    get type() {
        return eventState(this).type;
    }

    get target() {
        return eventState(this).target;
    }

    get srcElement() {
        return eventState(this).target;
    }

    get currentTarget() {
        return eventState(this).currentTarget;
    }

    composedPath() {
        const s = eventState(this);
        return s.currentTarget ? [s.currentTarget] : [];
    }

    get eventPhase() {
        return eventState(this).eventPhase;
    }

    stopPropagation() {
        eventState(this).stopPropagation = true;
    }

    get cancelBubble() {
        return eventState(this).stopPropagation;
    }

    set cancelBubble(value) {
        if (value)
            eventState(this).stopPropagation = true;
    }

    stopImmediatePropagation() {
        const s = eventState(this);
        s.stopPropagation = true;
        s.stopImmediatePropagation = true;
    }

    get bubbles() {
        return eventState(this).bubbles;
    }

    get cancelable() {
        return eventState(this).cancelable;
    }

    get returnValue() {
        return !eventState(this).canceled;
    }

    set returnValue(value) {
        if (!value)
            setCanceledFlag(eventState(this));
    }

    preventDefault() {
        setCanceledFlag(eventState(this));
    }

    get defaultPrevented() {
        return eventState(this).canceled;
    }

    get composed() {
        return eventState(this).composed;
    }

    get timeStamp() {
        return eventState(this).timeStamp;
    }

    initEvent(type, bubbles = false, cancelable = false) {
        requireArgs(arguments.length, 1, 'Event.initEvent');
        const s = eventState(this);
        if (s.dispatch)
            return;
        Object.assign(s, {
            type: toDOMString(type), bubbles: toBoolean(bubbles),
            cancelable: toBoolean(cancelable), stopPropagation: false,
            stopImmediatePropagation: false, canceled: false, target: null,
        });
    }
}

function isTrustedGetter() {
    return eventState(this).isTrusted === true;
}

function setCanceledFlag(s) {
    if (s.cancelable && !s.inPassiveListener)
        s.canceled = true;
}

for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
    Object.defineProperty(Event, name, {value, enumerable: true});
    Object.defineProperty(Event.prototype, name, {value, enumerable: true});
}
defineToStringTag(Event);

/* EventTarget (DOM §2.7) */

const listenersOf = new WeakMap();

function flattenOptions(options) {
    if (typeof options === 'boolean')
        return {capture: options};
    const o = toDictionary(options, 'AddEventListenerOptions');
    return {
        capture: toBoolean(o.capture),
        once: toBoolean(o.once),
        passive: o.passive === undefined ? false : toBoolean(o.passive),
        signal: o.signal,
    };
}

function reportException(error) {
    // A listener's exception is reported, not thrown (HTML "report an
    // exception"), as browsers log it to the console. printerr, not
    // console.error: a GLib critical would abort under fatal-criticals.
    try {
        const text = `Uncaught exception in an event listener: ${error}\n${error?.stack ?? ''}`;
        if (typeof printerr === 'function')
            printerr(text);
        else
            console.error(text);
    } catch {
        // Nothing more can be done.
    }
}

export class EventTarget {
    constructor() {
        listenersOf.set(this, []);
    }

    addEventListener(type, callback, options = undefined) {
        requireArgs(arguments.length, 2, 'EventTarget.addEventListener');
        const listeners = targetListeners(this);
        const {capture, once, passive, signal} = flattenOptions(options);
        type = toDOMString(type);
        if (signal !== undefined && !(signal instanceof AbortSignal))
            throw new TypeError('EventTarget.addEventListener: signal is not an AbortSignal.');
        if (callback === null || callback === undefined)
            return;
        if (typeof callback !== 'object' && !isCallable(callback))
            throw new TypeError('EventTarget.addEventListener: the listener is not an object.');
        if (signal?.aborted)
            return;
        if (listeners.some(l => l.type === type && l.callback === callback && l.capture === capture))
            return;
        const listener = {type, callback, capture, once, passive, removed: false};
        listeners.push(listener);
        if (signal !== undefined)
            signal[kAddAlgorithm](() => removeListener(this, listener));
    }

    removeEventListener(type, callback, options = undefined) {
        requireArgs(arguments.length, 2, 'EventTarget.removeEventListener');
        const listeners = targetListeners(this);
        const {capture} = flattenOptions(options);
        type = toDOMString(type);
        const listener = listeners.find(l => l.type === type && l.callback === callback && l.capture === capture);
        if (listener)
            removeListener(this, listener);
    }

    dispatchEvent(event) {
        requireArgs(arguments.length, 1, 'EventTarget.dispatchEvent');
        if (!(event instanceof Event))
            throw new TypeError('EventTarget.dispatchEvent: the argument is not an Event.');
        const s = eventState(event);
        if (s.dispatch || !s.initialized)
            throw newDOMException('The event is already being dispatched.', 'InvalidStateError');
        s.isTrusted = false;
        return dispatch(this, event);
    }
}
defineToStringTag(EventTarget);

function targetListeners(target) {
    const listeners = listenersOf.get(target);
    if (listeners === undefined)
        throw new TypeError('Not an EventTarget.');
    return listeners;
}

function removeListener(target, listener) {
    listener.removed = true;
    const listeners = listenersOf.get(target);
    const i = listeners.indexOf(listener);
    if (i >= 0)
        listeners.splice(i, 1);
}

// DOM §2.9 dispatch, for a target with no parent: only the "at target"
// phase, capture listeners first.
function dispatch(target, event) {
    const s = eventState(event);
    s.dispatch = true;
    s.target = target;
    s.currentTarget = target;
    s.eventPhase = Event.AT_TARGET;
    const listeners = [...targetListeners(target)];
    for (const phase of [true, false]) {
        for (const listener of listeners) {
            if (s.stopImmediatePropagation)
                break;
            if (listener.removed || listener.type !== s.type || listener.capture !== phase)
                continue;
            if (listener.once)
                removeListener(target, listener);
            if (listener.passive)
                s.inPassiveListener = true;
            try {
                const cb = listener.callback;
                if (isCallable(cb)) {
                    cb.call(target, event);
                } else {
                    const handleEvent = cb.handleEvent;
                    if (!isCallable(handleEvent))
                        throw new TypeError('The listener has no handleEvent method.');
                    handleEvent.call(cb, event);
                }
            } catch (e) {
                reportException(e);
            }
            s.inPassiveListener = false;
        }
    }
    s.eventPhase = Event.NONE;
    s.currentTarget = null;
    s.dispatch = false;
    s.stopPropagation = false;
    s.stopImmediatePropagation = false;
    return !s.canceled;
}

/** Fires a trusted event of the given type at a target (DOM "fire an event"). */
function fireEvent(target, type) {
    const event = new Event(type);
    eventState(event).isTrusted = true;
    return dispatch(target, event);
}

/**
 * Defines an event handler IDL attribute (HTML §8.1.8.1) such as onabort:
 * setting a function adds a listener at that point of the list, setting
 * null removes it.
 *
 * @param {Function} klass the EventTarget subclass
 * @param {string} type the event type
 */
function defineEventHandler(klass, type) {
    const handlers = new WeakMap();
    Object.defineProperty(klass.prototype, `on${type}`, {
        get() {
            targetListeners(this);
            return handlers.get(this)?.value ?? null;
        },
        set(value) {
            targetListeners(this);
            let h = handlers.get(this);
            const callable = typeof value === 'object' || isCallable(value) ? value : null;
            if (callable === null) {
                if (h?.listener)
                    removeListener(this, h.listener);
                handlers.delete(this);
                return;
            }
            if (h === undefined) {
                h = {value: callable, listener: null};
                handlers.set(this, h);
            }
            h.value = callable;
            if (h.listener === null) {
                const callback = function (event) {
                    const fn = h.value;
                    if (isCallable(fn))
                        fn.call(this, event);
                };
                h.listener = {type, callback, capture: false, once: false, passive: false, removed: false};
                targetListeners(this).push(h.listener);
            }
        },
        enumerable: true,
        configurable: true,
    });
}

/* AbortSignal (DOM §3.2) */

const kAddAlgorithm = Symbol('add abort algorithm');
const signalData = new WeakMap();

function signalState(signal) {
    const s = signalData.get(signal);
    if (s === undefined)
        throw new TypeError('Not an AbortSignal.');
    return s;
}

function defaultAbortReason() {
    return newDOMException('signal is aborted without reason', 'AbortError');
}

export class AbortSignal extends EventTarget {
    constructor(token = undefined) {
        if (token !== kInternal)
            throw new TypeError('Illegal constructor: use an AbortController or AbortSignal.abort().');
        super();
        signalData.set(this, {
            aborted: false,
            reason: undefined,
            algorithms: new Set(),
            dependent: false,
            sources: new Set(),      // of AbortSignal (weak in the standard)
            dependents: new Set(),   // of WeakRef<AbortSignal>
            cancellable: null,
        });
    }

    /**
     * AbortSignal.abort(reason): an already aborted signal.
     *
     * @param {*} [reason] the reason; an "AbortError" DOMException if undefined
     * @returns {AbortSignal}
     */
    static abort(reason = undefined) {
        const signal = new AbortSignal(kInternal);
        const s = signalState(signal);
        s.aborted = true;
        s.reason = reason === undefined ? defaultAbortReason() : reason;
        return signal;
    }

    /**
     * AbortSignal.timeout(milliseconds): a signal aborted with a
     * "TimeoutError" DOMException after that long.
     *
     * @param {number} milliseconds the delay
     * @returns {AbortSignal}
     */
    static timeout(milliseconds) {
        requireArgs(arguments.length, 1, 'AbortSignal.timeout');
        const ms = toEnforcedUnsignedLongLong(milliseconds, 'AbortSignal.timeout: milliseconds');
        const signal = new AbortSignal(kInternal);
        setTimeout(() => {
            signalAbort(signal, newDOMException('signal timed out', 'TimeoutError'));
        }, ms);
        return signal;
    }

    /**
     * AbortSignal.any(signals): a signal aborted when any of signals is.
     *
     * @param {Iterable<AbortSignal>} signals the signals to follow
     * @returns {AbortSignal}
     */
    static any(signals) {
        requireArgs(arguments.length, 1, 'AbortSignal.any');
        if (signals === null || (typeof signals !== 'object' && typeof signals !== 'function') ||
            !isCallable(signals[Symbol.iterator]))
            throw new TypeError('AbortSignal.any: the argument is not a sequence.');
        const list = [...signals];
        for (const s of list) {
            if (!(s instanceof AbortSignal))
                throw new TypeError('AbortSignal.any: every item must be an AbortSignal.');
        }
        return createDependentAbortSignal(list);
    }

    get aborted() {
        return signalState(this).aborted;
    }

    get reason() {
        return signalState(this).reason;
    }

    throwIfAborted() {
        const s = signalState(this);
        if (s.aborted)
            throw s.reason;
    }

    /**
     * Adds an abort algorithm (DOM "add"); returns a function removing it.
     * Module-internal: the key is a private symbol.
     *
     * @param {Function} algorithm run when the signal aborts
     * @returns {Function}
     */
    [kAddAlgorithm](algorithm) {
        const s = signalState(this);
        if (s.aborted)
            return () => {};
        s.algorithms.add(algorithm);
        return () => s.algorithms.delete(algorithm);
    }
}
defineEventHandler(AbortSignal, 'abort');
defineToStringTag(AbortSignal);

/**
 * DOM "create a dependent abort signal".
 *
 * @param {AbortSignal[]} signals the signals to follow
 * @returns {AbortSignal}
 */
export function createDependentAbortSignal(signals) {
    const result = new AbortSignal(kInternal);
    const rs = signalState(result);
    // Step 2: already aborted if one of the signals is.
    for (const signal of signals) {
        const s = signalState(signal);
        if (s.aborted) {
            rs.aborted = true;
            rs.reason = s.reason;
            return result;
        }
    }
    // Step 3: follow the sources, not the dependent signals themselves.
    rs.dependent = true;
    const ref = new WeakRef(result);
    for (const signal of signals) {
        const s = signalState(signal);
        const sources = s.dependent ? [...s.sources] : [signal];
        for (const source of sources) {
            rs.sources.add(source);
            signalState(source).dependents.add(ref);
        }
    }
    return result;
}

/**
 * DOM "signal abort".
 *
 * @param {AbortSignal} signal the signal
 * @param {*} reason the reason; undefined for the default "AbortError"
 */
export function signalAbort(signal, reason) {
    const s = signalState(signal);
    if (s.aborted)
        return;
    s.aborted = true;
    s.reason = reason === undefined ? defaultAbortReason() : reason;
    const toAbort = [];
    for (const ref of s.dependents) {
        const dependent = ref.deref();
        if (dependent === undefined)
            continue;
        const ds = signalState(dependent);
        if (!ds.aborted) {
            ds.aborted = true;
            ds.reason = s.reason;
            toAbort.push(dependent);
        }
    }
    s.dependents.clear();
    runAbortSteps(signal);
    for (const dependent of toAbort)
        runAbortSteps(dependent);
}

function runAbortSteps(signal) {
    const s = signalState(signal);
    const algorithms = [...s.algorithms];
    s.algorithms.clear();
    for (const algorithm of algorithms) {
        try {
            algorithm();
        } catch (e) {
            reportException(e);
        }
    }
    // A dependent signal no longer needs its sources.
    s.sources.clear();
    fireEvent(signal, 'abort');
}

/**
 * A Gio.Cancellable cancelled when signal aborts, for passing an
 * AbortSignal to GIO functions. The same cancellable is returned for the
 * same signal.
 *
 * @param {AbortSignal} signal the signal
 * @returns {Gio.Cancellable}
 */
export function cancellableForSignal(signal) {
    const s = signalState(signal);
    if (s.cancellable === null) {
        const cancellable = new Gio.Cancellable();
        s.cancellable = cancellable;
        if (s.aborted)
            cancellable.cancel();
        else
            s.algorithms.add(() => cancellable.cancel());
    }
    return s.cancellable;
}

/** Adds an abort algorithm to a signal; returns its remover. */
export function addAbortAlgorithm(signal, algorithm) {
    return signal[kAddAlgorithm](algorithm);
}

/* AbortController (DOM §3.1) */

const controllerSignals = new WeakMap();

export class AbortController {
    constructor() {
        controllerSignals.set(this, new AbortSignal(kInternal));
    }

    get signal() {
        const signal = controllerSignals.get(this);
        if (signal === undefined)
            throw new TypeError('Not an AbortController.');
        return signal;
    }

    abort(reason = undefined) {
        signalAbort(this.signal, reason);
    }
}
defineToStringTag(AbortController);
